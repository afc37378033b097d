package io.tributary.broker.group;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The coordinator's view of the internal {@code __consumer_offsets} topic: the only way group state
 * reaches durable, replicated storage. Batches are Kafka magic-2 record batches whose records use
 * Kafka's own key/value schemas (see {@link OffsetsRecords}), so the topic is byte-compatible with
 * Kafka's. Implementations must be thread-safe.
 */
public interface OffsetsTopic {

    /**
     * Appends one record batch (base offset 0; the log assigns offsets in place). The future completes
     * with the offset of the batch's last record once the write is committed (replicated to the ISR),
     * or exceptionally if it cannot be. Must not block. Futures of one partition complete in append
     * order.
     */
    CompletableFuture<Long> append(int partition, ByteBuffer recordBatch);

    /**
     * Appends a transactional batch this broker's coordinator built (offsets committed in a transaction):
     * like {@link #append}, but the log does not check its producer sequence.
     */
    default CompletableFuture<Long> appendTransactional(int partition, ByteBuffer recordBatch) {
        return append(partition, recordBatch);
    }

    /**
     * Hands every committed batch of the partition, oldest first, to {@code batches}; each buffer
     * holds one or more whole batches. Called only while loading a partition, off the request path.
     */
    void readAll(int partition, Consumer<ByteBuffer> batches);

    /**
     * The offsets partition that owns a group: {@code abs(groupId.hashCode()) % partitions}, with Java's
     * String hash and Kafka's {@code abs(Integer.MIN_VALUE) == 0}, so clients and Kafka agree on it.
     */
    static int partitionFor(String groupId, int partitions) {
        int hash = groupId.hashCode();
        int abs = hash == Integer.MIN_VALUE ? 0 : Math.abs(hash);
        return abs % partitions;
    }
}
