package io.tributary.broker.txn;

import io.tributary.common.TopicPartition;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * How the coordinator gets a decided transaction's markers written: the future completes once every
 * partition has its marker replicated, and fails if {@code stillCoordinator} turns false first (the next
 * coordinator then finishes the job). Implementations are thread-safe and never block the caller.
 */
interface MarkerDelivery extends AutoCloseable {

    /** The marker of one decided transaction. */
    record Marker(long producerId, short producerEpoch, int coordinatorEpoch, boolean commit) {
    }

    CompletableFuture<Void> send(Marker marker, Set<TopicPartition> partitions, BooleanSupplier stillCoordinator);

    @Override
    void close();
}
