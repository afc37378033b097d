package io.tributary.protocol.record;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The batches laid end to end in a buffer (a produce request's records, a fetch response, bytes read from a
 * segment file), from its position to its limit. Iteration yields only whole batches whose length field is
 * sane and stops at the first that is not; {@link #trailingBytes()} says how many bytes were left over, which
 * for a fetch response or the tail of a segment means a partial batch.
 *
 * <p>Immutable view; the buffer's position and limit are captured on construction and never changed.
 * CRCs are not checked here: that is the caller's decision ({@link RecordBatch#isValid()}).
 */
public final class RecordBatches implements Iterable<RecordBatch> {

    private final ByteBuffer buffer;
    private final int start;
    private final int limit;

    private RecordBatches(ByteBuffer buffer) {
        this.buffer = buffer;
        this.start = buffer.position();
        this.limit = buffer.limit();
    }

    public static RecordBatches of(ByteBuffer buffer) {
        return new RecordBatches(buffer);
    }

    /**
     * The size of the whole batch starting at absolute index {@code position}, or -1 when the bytes there
     * do not hold a whole batch (too short) or its length field is impossible.
     */
    public static int wholeBatchSizeAt(ByteBuffer buffer, int position, int limit) {
        if (limit - position < RecordBatch.HEADER_SIZE) {
            return -1;
        }
        int batchLength = buffer.getInt(position + RecordBatch.BATCH_LENGTH);
        long size = (long) batchLength + RecordBatch.LOG_OVERHEAD;
        if (size < RecordBatch.HEADER_SIZE || size > limit - position) {
            return -1;
        }
        return (int) size;
    }

    @Override
    public Iterator<RecordBatch> iterator() {
        return new Iterator<>() {
            private int position = start;

            @Override
            public boolean hasNext() {
                return wholeBatchSizeAt(buffer, position, limit) > 0;
            }

            @Override
            public RecordBatch next() {
                int size = wholeBatchSizeAt(buffer, position, limit);
                if (size < 0) {
                    throw new NoSuchElementException();
                }
                RecordBatch batch = new RecordBatch(buffer, position);
                position += size;
                return batch;
            }
        };
    }

    public List<RecordBatch> toList() {
        List<RecordBatch> batches = new ArrayList<>();
        forEach(batches::add);
        return batches;
    }

    /** Bytes covered by the whole batches iteration yields. */
    public int validBytes() {
        int position = start;
        int size;
        while ((size = wholeBatchSizeAt(buffer, position, limit)) > 0) {
            position += size;
        }
        return position - start;
    }

    /** Bytes after the last whole batch: a partial batch, or garbage. */
    public int trailingBytes() {
        return limit - start - validBytes();
    }

    public boolean hasPartialTrailingBatch() {
        return trailingBytes() > 0;
    }

    public int sizeInBytes() {
        return limit - start;
    }
}
