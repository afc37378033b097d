package io.tributary.storage;

import io.tributary.protocol.compress.CompressionType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * A v2 batch written byte by byte, so a test can make every field say what it likes: the record count, each
 * record's length, the codec id, bytes after the last record, the CRC. Records are written as Kafka lays them
 * out (length, attributes, timestamp delta, offset delta, key, value, header count); {@link #build()} then
 * compresses the records section with the chosen codec and frames it with a header whose CRC is right unless
 * {@link #breakCrc()} was called. Not thread-safe; one builder makes one batch.
 */
final class HandBuiltBatch {

    private final ByteArrayOutputStream records = new ByteArrayOutputStream();
    private int codecId;
    private int recordCount = -1;
    private int lastOffsetDelta = Integer.MIN_VALUE;
    private long timestamp = -1L; // no timestamp: MockTime-driven logs do not check it
    private boolean breakCrc;
    private byte[] rawSection;
    private int written;
    private long zeroTail;

    HandBuiltBatch codec(CompressionType type) {
        this.codecId = type.id;
        return this;
    }

    /** Any id in attribute bits 0-2, known or not; an unknown one leaves the section uncompressed. */
    HandBuiltBatch codecId(int id) {
        this.codecId = id;
        return this;
    }

    /** Overrides the header's record count and last offset delta (count - 1); by default they match. */
    HandBuiltBatch claimRecords(int count) {
        this.recordCount = count;
        this.lastOffsetDelta = count - 1;
        return this;
    }

    HandBuiltBatch timestamp(long timestamp) {
        this.timestamp = timestamp;
        return this;
    }

    /** A well-formed record with offset delta {@code written so far}, key "k<i>" and {@code valueBytes} zeros. */
    HandBuiltBatch record(int valueBytes) {
        byte[] key = ("k" + written).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0); // attributes
        writeVarlong(body, 0); // timestamp delta
        writeVarint(body, written); // offset delta
        writeVarint(body, key.length);
        body.writeBytes(key);
        writeVarint(body, valueBytes);
        body.writeBytes(new byte[valueBytes]);
        writeVarint(body, 0); // headers
        writeVarint(records, body.size());
        records.writeBytes(body.toByteArray());
        written++;
        return this;
    }

    /** A record whose length field claims {@code claimed} bytes, followed by a few real bytes. */
    HandBuiltBatch recordClaimingLength(int claimed) {
        writeVarint(records, claimed);
        records.writeBytes(new byte[] {0, 0, (byte) (written << 1), 2, 'k', 'x', 0, 0});
        written++;
        return this;
    }

    /** Raw bytes appended to the uncompressed records section, after whatever records are there. */
    HandBuiltBatch tail(byte[] bytes) {
        records.writeBytes(bytes);
        return this;
    }

    /** {@code count} zero bytes after the records, written in chunks so the test never holds them all. */
    HandBuiltBatch zeroTail(long count) {
        this.zeroTail = count;
        return this;
    }

    /** Uses {@code section} verbatim as the (already compressed) records section. */
    HandBuiltBatch rawSection(byte[] section) {
        this.rawSection = section;
        return this;
    }

    HandBuiltBatch breakCrc() {
        this.breakCrc = true;
        return this;
    }

    /** The uncompressed records section written so far. */
    byte[] recordsSection() {
        return records.toByteArray();
    }

    ByteBuffer build() {
        byte[] section = rawSection != null ? rawSection : compressedSection();
        int count = recordCount >= 0 ? recordCount : written;
        int delta = lastOffsetDelta != Integer.MIN_VALUE ? lastOffsetDelta : count - 1;
        ByteBuffer batch = ByteBuffer.allocate(61 + section.length);
        batch.putLong(0L)
                .putInt(49 + section.length)
                .putInt(-1) // partition leader epoch
                .put((byte) 2)
                .putInt(0) // crc, below
                .putShort((short) codecId)
                .putInt(delta)
                .putLong(timestamp)
                .putLong(timestamp)
                .putLong(-1L) // producer id
                .putShort((short) -1)
                .putInt(-1)
                .putInt(count)
                .put(section)
                .flip();
        CRC32C crc = new CRC32C();
        crc.update(batch.slice(21, batch.limit() - 21));
        batch.putInt(17, (int) crc.getValue() ^ (breakCrc ? 1 : 0));
        return batch;
    }

    private byte[] compressedSection() {
        CompressionType type = CompressionType.isKnownId(codecId) ? CompressionType.forId(codecId)
                : CompressionType.NONE;
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = type.wrapForOutput(compressed)) {
            records.writeTo(out);
            byte[] zeros = new byte[1 << 20];
            for (long left = zeroTail; left > 0; left -= zeros.length) {
                out.write(zeros, 0, (int) Math.min(left, zeros.length));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }

    static void writeVarint(ByteArrayOutputStream out, int value) {
        writeVarlong(out, value);
    }

    static void writeVarlong(ByteArrayOutputStream out, long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
