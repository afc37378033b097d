package io.tributary.protocol.record;

import io.tributary.protocol.compress.CompressionType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds one magic-v2 batch: records are encoded as they are appended, compressed as one stream by
 * {@link #build()}, and the header and CRC-32C are filled in last. Offsets are consecutive from the base
 * offset unless {@link #appendWithOffset} is used (the log cleaner keeps the original, sparse offsets).
 *
 * <p>Not thread-safe; one builder makes one batch.
 */
public final class RecordBatchBuilder {

    private final CompressionType compression;
    private final ByteArrayOutputStream records = new ByteArrayOutputStream(256);
    private long baseOffset;
    private long producerId = RecordBatch.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
    private int baseSequence = RecordBatch.NO_SEQUENCE;
    private int partitionLeaderEpoch = RecordBatch.NO_PARTITION_LEADER_EPOCH;
    private boolean transactional;
    private boolean control;
    private TimestampType timestampType = TimestampType.CREATE_TIME;
    private long logAppendTime = RecordBatch.NO_TIMESTAMP;
    private int count;
    private long firstTimestamp = RecordBatch.NO_TIMESTAMP;
    private long maxTimestamp = RecordBatch.NO_TIMESTAMP;
    private long lastOffset = -1;
    private ByteBuffer scratch = ByteBuffer.allocate(1024);

    public RecordBatchBuilder(CompressionType compression) {
        this.compression = compression;
    }

    /** The first offset; producers send 0, the log overwrites it. Must be set before any append. */
    public RecordBatchBuilder baseOffset(long baseOffset) {
        ensureEmpty();
        this.baseOffset = baseOffset;
        return this;
    }

    /** Idempotent producer fields: id, epoch and the sequence of the first record. */
    public RecordBatchBuilder producer(long producerId, short producerEpoch, int baseSequence) {
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
        return this;
    }

    public RecordBatchBuilder partitionLeaderEpoch(int epoch) {
        this.partitionLeaderEpoch = epoch;
        return this;
    }

    public RecordBatchBuilder transactional(boolean transactional) {
        this.transactional = transactional;
        return this;
    }

    public RecordBatchBuilder control(boolean control) {
        this.control = control;
        return this;
    }

    /** Marks the batch LogAppendTime: every record reads {@code appendTime} as its timestamp. */
    public RecordBatchBuilder logAppendTime(long appendTime) {
        this.timestampType = TimestampType.LOG_APPEND_TIME;
        this.logAppendTime = appendTime;
        return this;
    }

    /** Appends a record at the next consecutive offset. */
    public RecordBatchBuilder append(long timestamp, byte[] key, byte[] value, Header... headers) {
        return appendWithOffset(lastOffset < 0 ? baseOffset : lastOffset + 1, timestamp, wrap(key), wrap(value),
                List.of(headers));
    }

    /** Appends a record at an explicit offset, which must be above every offset appended so far. */
    public RecordBatchBuilder appendWithOffset(long offset, long timestamp, ByteBuffer key, ByteBuffer value,
                                               List<Header> headers) {
        if (offset < baseOffset || (lastOffset >= 0 && offset <= lastOffset)) {
            throw new IllegalArgumentException("Offset " + offset + " is not above the last offset " + lastOffset
                    + " and the base offset " + baseOffset);
        }
        if (count == 0) {
            firstTimestamp = timestamp;
        }
        int bodySize = 1 + Varint.sizeOfVarlong(timestamp - firstTimestamp)
                + Varint.sizeOfVarint((int) (offset - baseOffset))
                + sizeOfBytes(key) + sizeOfBytes(value) + Varint.sizeOfVarint(headers.size());
        byte[][] headerKeys = new byte[headers.size()][];
        for (int i = 0; i < headers.size(); i++) {
            headerKeys[i] = headers.get(i).key().getBytes(StandardCharsets.UTF_8);
            bodySize += Varint.sizeOfVarint(headerKeys[i].length) + headerKeys[i].length
                    + sizeOfBytes(wrap(headers.get(i).value()));
        }
        ByteBuffer out = scratch(bodySize + 5);
        Varint.writeVarint(bodySize, out);
        out.put((byte) 0);
        Varint.writeVarlong(timestamp - firstTimestamp, out);
        Varint.writeVarint((int) (offset - baseOffset), out);
        writeBytes(key, out);
        writeBytes(value, out);
        Varint.writeVarint(headers.size(), out);
        for (int i = 0; i < headers.size(); i++) {
            writeBytes(ByteBuffer.wrap(headerKeys[i]), out);
            writeBytes(wrap(headers.get(i).value()), out);
        }
        records.write(out.array(), 0, out.position());
        count++;
        lastOffset = offset;
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        return this;
    }

    public int recordCount() {
        return count;
    }

    /** Encodes the batch; the returned buffer holds exactly the batch, position 0. */
    public ByteBuffer build() {
        if (count == 0) {
            throw new IllegalStateException("A batch needs at least one record");
        }
        byte[] body = compress(records.toByteArray());
        ByteBuffer batch = ByteBuffer.allocate(RecordBatch.HEADER_SIZE + body.length);
        batch.putLong(RecordBatch.BASE_OFFSET, baseOffset);
        batch.putInt(RecordBatch.BATCH_LENGTH, batch.capacity() - RecordBatch.LOG_OVERHEAD);
        batch.putInt(RecordBatch.PARTITION_LEADER_EPOCH, partitionLeaderEpoch);
        batch.put(RecordBatch.MAGIC_OFFSET, RecordBatch.MAGIC);
        batch.putShort(RecordBatch.ATTRIBUTES, attributes());
        batch.putInt(RecordBatch.LAST_OFFSET_DELTA, (int) (lastOffset - baseOffset));
        batch.putLong(RecordBatch.BASE_TIMESTAMP, firstTimestamp);
        batch.putLong(RecordBatch.MAX_TIMESTAMP,
                timestampType == TimestampType.LOG_APPEND_TIME ? logAppendTime : maxTimestamp);
        batch.putLong(RecordBatch.PRODUCER_ID, producerId);
        batch.putShort(RecordBatch.PRODUCER_EPOCH, producerEpoch);
        batch.putInt(RecordBatch.BASE_SEQUENCE, baseSequence);
        batch.putInt(RecordBatch.RECORD_COUNT, count);
        batch.put(RecordBatch.HEADER_SIZE, body);
        batch.putInt(RecordBatch.CRC, (int) new RecordBatch(batch, 0).computeCrc());
        return batch;
    }

    private short attributes() {
        int attributes = compression.id;
        if (timestampType == TimestampType.LOG_APPEND_TIME) {
            attributes |= RecordBatch.TIMESTAMP_TYPE_BIT;
        }
        if (transactional) {
            attributes |= RecordBatch.TRANSACTIONAL_BIT;
        }
        if (control) {
            attributes |= RecordBatch.CONTROL_BIT;
        }
        return (short) attributes;
    }

    private byte[] compress(byte[] raw) {
        if (compression == CompressionType.NONE) {
            return raw;
        }
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(Math.max(64, raw.length / 2));
        try (OutputStream out = compression.wrapForOutput(compressed)) {
            out.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot compress with " + compression.name, e);
        }
        return compressed.toByteArray();
    }

    private void ensureEmpty() {
        if (count > 0) {
            throw new IllegalStateException("Records were already appended");
        }
    }

    private ByteBuffer scratch(int size) {
        if (scratch.capacity() < size) {
            scratch = ByteBuffer.allocate(Math.max(size, scratch.capacity() * 2));
        }
        scratch.clear();
        return scratch;
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }

    private static int sizeOfBytes(ByteBuffer bytes) {
        if (bytes == null) {
            return Varint.sizeOfVarint(-1);
        }
        return Varint.sizeOfVarint(bytes.remaining()) + bytes.remaining();
    }

    private static void writeBytes(ByteBuffer bytes, ByteBuffer out) {
        if (bytes == null) {
            Varint.writeVarint(-1, out);
            return;
        }
        Varint.writeVarint(bytes.remaining(), out);
        out.put(bytes.duplicate());
    }
}
