package io.tributary.storage;

import java.nio.ByteBuffer;

/**
 * Checks the records section of one v2 batch in place, without decoding a record: each record's length
 * must agree with its fields, offset deltas must count up from 0, the count must match the header and no
 * bytes may follow the last record; on a compacted topic every record needs a key. It also reports the
 * smallest and largest timestamp delta, so the caller can check every record's timestamp. Only the
 * varints are read; keys, values and headers are skipped by length, so a batch costs one small object.
 *
 * <p>Invariant: {@code position} never passes {@code end}; every read is bounds-checked first. One instance
 * walks one batch on the appending thread; not thread-safe.
 */
final class RecordsWalk {

    private final ByteBuffer buffer;
    private final int end;
    private int position;
    private long minTimestampDelta = Long.MAX_VALUE;
    private long maxTimestampDelta = Long.MIN_VALUE;

    private RecordsWalk(ByteBuffer buffer, int start, int end) {
        this.buffer = buffer;
        this.position = start;
        this.end = end;
    }

    /**
     * Walks {@code count} records in {@code buffer[start, end)}.
     *
     * @throws LogException CORRUPT_MESSAGE when the bytes do not parse as exactly {@code count} records,
     *                      INVALID_RECORD when offset deltas skip or a compacted topic's record has no key
     */
    static RecordsWalk check(ByteBuffer buffer, int start, int end, int count, boolean keysRequired) {
        RecordsWalk walk = new RecordsWalk(buffer, start, end);
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
            if (position >= end) {
                throw corrupt("Batch claims " + count + " records but holds " + i);
            }
            int length = readVarint();
            if (length < 0 || length > end - position) {
                throw corrupt("Record length " + length + " exceeds the " + (end - position)
                        + " bytes left in the batch");
            }
            int recordEnd = position + length;
            skip(1, recordEnd); // attributes: unused in v2
            long timestampDelta = readVarlong();
            minTimestampDelta = Math.min(minTimestampDelta, timestampDelta);
            maxTimestampDelta = Math.max(maxTimestampDelta, timestampDelta);
            if (readVarint() != i) {
                throw new LogException(StorageError.INVALID_RECORD,
                        "Record offsets inside the batch are not consecutive");
            }
            int keyLength = readVarint();
            if (keyLength < 0 && keysRequired) {
                throw new LogException(StorageError.INVALID_RECORD,
                        "Compacted topic received a record without a key at index " + i);
            }
            skip(keyLength, recordEnd);
            skip(readVarint(), recordEnd); // value
            int headers = readVarint();
            if (headers < 0) {
                throw corrupt("Negative header count " + headers);
            }
            for (int h = 0; h < headers; h++) {
                int headerKeyLength = readVarint();
                if (headerKeyLength < 0) {
                    throw corrupt("Null header key");
                }
                skip(headerKeyLength, recordEnd);
                skip(readVarint(), recordEnd);
            }
            if (position != recordEnd) {
                throw corrupt("Record length " + length + " disagrees with its fields");
            }
        }
        if (position != end) {
            throw corrupt((end - position) + " bytes left after " + count + " records");
        }
    }

    /** Skips a length-prefixed field's bytes; a negative length is a null field with no bytes. */
    private void skip(int length, int recordEnd) {
        if (length <= 0) {
            return;
        }
        if (length > recordEnd - position) {
            throw corrupt("Field length " + length + " exceeds the record");
        }
        position += length;
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
        throw corrupt("Varint is longer than 5 bytes");
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
        throw corrupt("Varlong is longer than 10 bytes");
    }

    private int nextByte() {
        if (position >= end) {
            throw corrupt("Record is truncated or malformed");
        }
        return buffer.get(position++);
    }

    private static LogException corrupt(String message) {
        return new LogException(StorageError.CORRUPT_MESSAGE, message);
    }
}
