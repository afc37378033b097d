package io.tributary.storage;

import io.tributary.protocol.compress.DecompressionLimitException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Checks the records section of one v2 batch without decoding a record: each record's length must agree
 * with its fields, offset deltas must count up from 0, the count must match the header and no bytes may
 * follow the last record; on a compacted topic every record needs a key. It also reports the smallest and
 * largest timestamp delta, so the caller can check every record's timestamp. Only the varints are read;
 * keys, values and headers are skipped by length, so a batch costs one small object.
 *
 * <p>An uncompressed section is walked in place. A compressed one is walked as it streams out of a
 * {@link io.tributary.protocol.compress.BoundedDecompression} stream, one fixed-size window at a time, so
 * memory stays the same whatever the batch inflates to and a record's claimed length is checked against the
 * decompression limit before anything is skipped.
 *
 * <p>Invariant: the read index never passes the window's limit; every read is bounds-checked first, and a
 * window is refilled only when the last one is used up. One instance walks one batch on the appending
 * thread; not thread-safe.
 */
final class RecordsWalk {

    private static final int WINDOW_BYTES = 16 * 1024;
    /** One window per appending thread, reused batch after batch: walks on a thread never overlap. */
    private static final ThreadLocal<ByteBuffer> WINDOW =
            ThreadLocal.withInitial(() -> ByteBuffer.wrap(new byte[WINDOW_BYTES]));

    private final ByteBuffer buffer;
    /** The decompressing stream that refills {@link #buffer}, or null when the section is all in it. */
    private final InputStream stream;
    /** Logical end of the section: its length in place, the decompression limit when streamed. */
    private final long end;
    /** Logical offset (from the section's start) of buffer index 0. */
    private long base;
    private int position;
    private int limit;
    private long minTimestampDelta = Long.MAX_VALUE;
    private long maxTimestampDelta = Long.MIN_VALUE;

    private RecordsWalk(ByteBuffer buffer, InputStream stream, int start, int limit, long end) {
        this.buffer = buffer;
        this.stream = stream;
        this.position = start;
        this.limit = limit;
        this.base = -start;
        this.end = end;
    }

    /**
     * Walks {@code count} records in {@code buffer[start, end)}.
     *
     * @throws LogException INVALID_RECORD when the bytes do not parse as exactly {@code count} records, when
     *                      offset deltas skip or when a compacted topic's record has no key
     */
    static RecordsWalk check(ByteBuffer buffer, int start, int end, int count, boolean keysRequired) {
        RecordsWalk walk = new RecordsWalk(buffer, null, start, end, end - start);
        walk.walk(count, keysRequired);
        return walk;
    }

    /**
     * Walks {@code count} records as they come out of {@code decompressed}, which yields at most
     * {@code maxBytes} bytes (and fails past them).
     *
     * @throws LogException INVALID_RECORD as {@link #check} does, when the records would pass
     *                      {@code maxBytes} and when the compressed stream cannot be decoded
     */
    static RecordsWalk checkStream(InputStream decompressed, long maxBytes, int count, boolean keysRequired) {
        RecordsWalk walk = new RecordsWalk(WINDOW.get(), decompressed, 0, 0, maxBytes);
        walk.walk(count, keysRequired);
        return walk;
    }
    /** The smallest timestamp delta of the records walked (Long.MAX_VALUE when there were none). */
    long minTimestampDelta() {
        return minTimestampDelta;
    }

    /** The largest timestamp delta of the records walked (Long.MIN_VALUE when there were none). */
    long maxTimestampDelta() {
        return maxTimestampDelta;
    }

    private void walk(int count, boolean keysRequired) {
        for (int i = 0; i < count; i++) {
            if (position >= limit && !refill()) {
                throw invalid("Batch claims " + count + " records but holds " + i);
            }
            int length = readVarint();
            long left = end - offset();
            if (length < 0 || length > left) {
                throw invalid("Record length " + length + " exceeds the " + left + " bytes "
                        + (stream == null ? "left in the batch" : "the batch may still decompress to"));
            }
            long recordEnd = offset() + length;
            skip(1, recordEnd); // attributes: unused in v2
            long timestampDelta = readVarlong();
            minTimestampDelta = Math.min(minTimestampDelta, timestampDelta);
            maxTimestampDelta = Math.max(maxTimestampDelta, timestampDelta);
            if (readVarint() != i) {
                throw invalid("Record offsets inside the batch are not consecutive");
            }
            int keyLength = readVarint();
            if (keyLength < 0 && keysRequired) {
                throw invalid("Compacted topic received a record without a key at index " + i);
            }
            skip(keyLength, recordEnd);
            skip(readVarint(), recordEnd); // value
            int headers = readVarint();
            if (headers < 0) {
                throw invalid("Negative header count " + headers);
            }
            for (int h = 0; h < headers; h++) {
                int headerKeyLength = readVarint();
                if (headerKeyLength < 0) {
                    throw invalid("Null header key");
                }
                skip(headerKeyLength, recordEnd);
                skip(readVarint(), recordEnd);
            }
            if (offset() != recordEnd) {
                throw invalid("Record length " + length + " disagrees with its fields");
            }
        }
        if (position < limit || refill()) {
            throw invalid("Bytes left after the " + count + " records the batch claims");
        }
    }

    /** Logical offset of the next byte, from the start of the records section. */
    private long offset() {
        return base + position;
    }

    /** Skips a length-prefixed field's bytes; a negative length is a null field with no bytes. */
    private void skip(int length, long recordEnd) {
        if (length <= 0) {
            return;
        }
        if (length > recordEnd - offset()) {
            throw invalid("Field length " + length + " exceeds the record");
        }
        int remaining = length;
        while (remaining > limit - position) {
            remaining -= limit - position;
            position = limit;
            if (!refill()) {
                throw invalid("Record is truncated");
            }
        }
        position += remaining;
    }

    /**
     * Replaces the used-up window with the next decompressed bytes; false at the end of the section. The
     * bytes are counted against {@link #end} by the stream, which throws once it would pass it.
     */
    private boolean refill() {
        if (stream == null) {
            return false;
        }
        base += limit;
        position = 0;
        limit = 0;
        try {
            int n = stream.read(buffer.array(), 0, WINDOW_BYTES);
            for (int tries = 0; n == 0 && tries < 16; tries++) { // a codec may need several input blocks
                n = stream.read(buffer.array(), 0, WINDOW_BYTES);
            }
            if (n == 0) {
                throw new IOException("the decompressor makes no progress");
            }
            if (n < 0) {
                return false;
            }
            limit = n;
            return true;
        } catch (DecompressionLimitException e) {
            throw invalid(e.getMessage() + ", the most its records may take");
        } catch (IOException | RuntimeException e) {
            // The CRC matched, so these are the bytes the producer wrote: resending them cannot help, hence
            // the non-retriable INVALID_RECORD rather than CORRUPT_MESSAGE (which is for bytes damaged on the way).
            throw new LogException(StorageError.INVALID_RECORD, "Cannot decompress the batch: " + e, e);
        }
    }

    private int readVarint() {
        int raw = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = nextByte();
            raw |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw invalid("Varint is longer than 5 bytes");
    }

    private long readVarlong() {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            long b = nextByte();
            raw |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw invalid("Varlong is longer than 10 bytes");
    }

    private int nextByte() {
        if (position >= limit && !refill()) {
            throw invalid("Record is truncated or malformed");
        }
        return buffer.get(position++);
    }

    private static LogException invalid(String message) {
        return new LogException(StorageError.INVALID_RECORD, message);
    }
}
