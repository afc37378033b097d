package io.tributary.protocol.record;

import io.tributary.protocol.compress.BoundedDecompression;
import io.tributary.protocol.compress.CompressionType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A zero-copy view over one magic-v2 record batch held in a {@link ByteBuffer}: every accessor reads the
 * header at an absolute index, nothing is copied, and the in-place setters write straight into the
 * underlying buffer. The view never moves the buffer's position or limit.
 *
 * <p>Invariant: the buffer holds at least {@link #HEADER_SIZE} bytes at {@code start} (checked on
 * construction); whether the whole batch is present is {@link RecordBatches}' concern.
 *
 * <p>Not thread-safe when the setters are used; concurrent readers of an unchanging buffer are fine.
 */
public final class RecordBatch {

    public static final byte MAGIC = 2;
    /** baseOffset + batchLength: the bytes not counted in batchLength. */
    public static final int LOG_OVERHEAD = 12;
    public static final int HEADER_SIZE = 61;
    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;
    public static final int NO_PARTITION_LEADER_EPOCH = -1;
    public static final long NO_TIMESTAMP = -1L;
    /**
     * The most decompressed bytes {@link #records()} materialises: what one Java array can hold. Batches from
     * producers are held to a much smaller limit before they are stored; this one keeps a damaged stored
     * batch from overflowing the buffer.
     */
    static final long MAX_DECODED_RECORDS_BYTES = Integer.MAX_VALUE - 64;

    static final int BASE_OFFSET = 0;
    static final int BATCH_LENGTH = 8;
    static final int PARTITION_LEADER_EPOCH = 12;
    static final int MAGIC_OFFSET = 16;
    static final int CRC = 17;
    static final int ATTRIBUTES = 21;
    static final int LAST_OFFSET_DELTA = 23;
    static final int BASE_TIMESTAMP = 27;
    static final int MAX_TIMESTAMP = 35;
    static final int PRODUCER_ID = 43;
    static final int PRODUCER_EPOCH = 51;
    static final int BASE_SEQUENCE = 53;
    static final int RECORD_COUNT = 57;

    static final int COMPRESSION_MASK = 0x07;
    static final int TIMESTAMP_TYPE_BIT = 0x08;
    static final int TRANSACTIONAL_BIT = 0x10;
    static final int CONTROL_BIT = 0x20;

    private final ByteBuffer buffer;
    private final int start;

    /** A view of the batch whose first byte is at absolute index {@code start} of {@code buffer}. */
    public RecordBatch(ByteBuffer buffer, int start) {
        if (buffer.limit() - start < HEADER_SIZE) {
            throw new InvalidRecordException("Only " + (buffer.limit() - start) + " bytes, a batch header needs "
                    + HEADER_SIZE);
        }
        this.buffer = buffer;
        this.start = start;
    }

    /** A view of the batch at {@code buffer}'s current position. */
    public static RecordBatch at(ByteBuffer buffer) {
        return new RecordBatch(buffer, buffer.position());
    }

    public long baseOffset() {
        return buffer.getLong(start + BASE_OFFSET);
    }

    public int batchLength() {
        return buffer.getInt(start + BATCH_LENGTH);
    }

    /** The whole batch on the wire: batchLength plus the 12 bytes before it. */
    public int sizeInBytes() {
        return LOG_OVERHEAD + batchLength();
    }

    public int partitionLeaderEpoch() {
        return buffer.getInt(start + PARTITION_LEADER_EPOCH);
    }

    public byte magic() {
        return buffer.get(start + MAGIC_OFFSET);
    }

    /** The stored CRC as an unsigned 32-bit value. */
    public long crc() {
        return Integer.toUnsignedLong(buffer.getInt(start + CRC));
    }

    public short attributes() {
        return buffer.getShort(start + ATTRIBUTES);
    }

    /** Attribute bits 0-2 as written, which may name no codec (5-7); see {@link CompressionType#isKnownId}. */
    public int compressionId() {
        return attributes() & COMPRESSION_MASK;
    }

    /** The batch's codec; throws IllegalArgumentException when {@link #compressionId()} names none. */
    public CompressionType compressionType() {
        return CompressionType.forId(compressionId());
    }

    public TimestampType timestampType() {
        return (attributes() & TIMESTAMP_TYPE_BIT) != 0 ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME;
    }

    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_BIT) != 0;
    }

    public boolean isControl() {
        return (attributes() & CONTROL_BIT) != 0;
    }

    public int lastOffsetDelta() {
        return buffer.getInt(start + LAST_OFFSET_DELTA);
    }

    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    public long nextOffset() {
        return lastOffset() + 1;
    }

    public long baseTimestamp() {
        return buffer.getLong(start + BASE_TIMESTAMP);
    }

    public long maxTimestamp() {
        return buffer.getLong(start + MAX_TIMESTAMP);
    }

    public long producerId() {
        return buffer.getLong(start + PRODUCER_ID);
    }

    public boolean hasProducerId() {
        return producerId() >= 0;
    }

    public short producerEpoch() {
        return buffer.getShort(start + PRODUCER_EPOCH);
    }

    public int baseSequence() {
        return buffer.getInt(start + BASE_SEQUENCE);
    }

    /** The sequence of the last record; sequences wrap from Integer.MAX_VALUE to 0. */
    public int lastSequence() {
        int base = baseSequence();
        return base == NO_SEQUENCE ? NO_SEQUENCE : incrementSequence(base, lastOffsetDelta());
    }

    /** {@code sequence + delta} with the wrap-around producers use. */
    public static int incrementSequence(int sequence, int delta) {
        if (sequence > Integer.MAX_VALUE - delta) {
            return delta - (Integer.MAX_VALUE - sequence) - 1;
        }
        return sequence + delta;
    }

    public int recordCount() {
        return buffer.getInt(start + RECORD_COUNT);
    }

    /** The CRC-32C of attributes..end, as it should be stored. */
    public long computeCrc() {
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice(start + ATTRIBUTES, sizeInBytes() - ATTRIBUTES));
        return crc.getValue();
    }

    /** True when the batch is v2, its length is sane and fits the buffer, and its CRC matches. */
    public boolean isValid() {
        int size = batchLength() + LOG_OVERHEAD;
        if (magic() != MAGIC || size < HEADER_SIZE || size > buffer.limit() - start) {
            return false;
        }
        return computeCrc() == crc();
    }

    /** Stamps the offset the log assigns; outside the CRC so no recomputation is needed. */
    public void setBaseOffset(long baseOffset) {
        buffer.putLong(start + BASE_OFFSET, baseOffset);
    }

    /** Stamps the leader epoch the batch was appended in; outside the CRC. */
    public void setPartitionLeaderEpoch(int epoch) {
        buffer.putInt(start + PARTITION_LEADER_EPOCH, epoch);
    }

    /** Marks the batch LogAppendTime with {@code timestamp} as its maxTimestamp and refreshes the CRC. */
    public void setLogAppendTime(long timestamp) {
        buffer.putShort(start + ATTRIBUTES, (short) (attributes() | TIMESTAMP_TYPE_BIT));
        buffer.putLong(start + MAX_TIMESTAMP, timestamp);
        buffer.putInt(start + CRC, (int) computeCrc());
    }

    /** A read-only view of exactly this batch's bytes, position 0. */
    public ByteBuffer asReadOnlyBuffer() {
        return buffer.slice(start, sizeInBytes()).asReadOnlyBuffer();
    }

    /** A writable view of exactly this batch's bytes, position 0, sharing content with the original. */
    public ByteBuffer slice() {
        return buffer.slice(start, sizeInBytes());
    }

    /** The record bytes after the header, still compressed if the batch is. */
    ByteBuffer recordsSection() {
        return buffer.slice(start + HEADER_SIZE, sizeInBytes() - HEADER_SIZE);
    }

    /**
     * Decodes every record, decompressing first when needed. Records of an uncompressed batch are views into
     * this batch's buffer; those of a compressed batch into a fresh heap buffer.
     *
     * @throws InvalidRecordException when the records do not parse or their count disagrees with the header
     */
    public List<Record> records() {
        ByteBuffer records = decompressedRecords();
        long baseOffset = baseOffset();
        long baseTimestamp = baseTimestamp();
        long appendTime = timestampType() == TimestampType.LOG_APPEND_TIME ? maxTimestamp() : -1L;
        int count = recordCount();
        if (count < 0) {
            throw new InvalidRecordException("Negative record count " + count);
        }
        List<Record> result = new ArrayList<>(Math.min(count, 4096));
        for (int i = 0; i < count; i++) {
            if (!records.hasRemaining()) {
                throw new InvalidRecordException("Batch claims " + count + " records but holds " + i);
            }
            result.add(Record.readFrom(records, baseOffset, baseTimestamp, appendTime));
        }
        if (records.hasRemaining()) {
            throw new InvalidRecordException(records.remaining() + " bytes left after " + count + " records");
        }
        return result;
    }

    private ByteBuffer decompressedRecords() {
        CompressionType type = compressionType();
        ByteBuffer section = recordsSection();
        if (type == CompressionType.NONE) {
            return section;
        }
        int estimate = Math.max(64, section.remaining() * 2); // before the reader moves the section's position
        try (InputStream in = BoundedDecompression.open(type, section, MAX_DECODED_RECORDS_BYTES)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(estimate);
            in.transferTo(out);
            return ByteBuffer.wrap(out.toByteArray());
        } catch (IOException | RuntimeException e) {
            throw new InvalidRecordException("Cannot decompress " + type.name + " batch at offset " + baseOffset(), e);
        }
    }

    @Override
    public String toString() {
        return "RecordBatch(baseOffset=" + baseOffset() + ", lastOffset=" + lastOffset() + ", size=" + sizeInBytes()
                + ", count=" + recordCount() + ", compression="
                + (CompressionType.isKnownId(compressionId()) ? compressionType().name : "id " + compressionId())
                + ", producerId=" + producerId() + ", baseSequence=" + baseSequence() + ")";
    }
}
