package io.tributary.broker.txn;

import io.tributary.common.TopicPartition;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One transactional id at its coordinator: producer id and epoch, timeout, state, the partitions of the
 * open transaction and its timestamps, as last written to {@code __transaction_state}. While a change is
 * being written, {@link #pending} holds it and other requests for the id get CONCURRENT_TRANSACTIONS.
 *
 * <p>Not thread-safe: guarded by its own monitor ({@code synchronized (metadata)}), which every reader and
 * writer takes; responses and log writes are issued after releasing it.
 */
final class TxnMetadata {

    /** A state being written to the log: applied to the metadata once the write is replicated. */
    record Transition(long producerId, short producerEpoch, int timeoutMs, TxnState state,
                      Set<TopicPartition> partitions, long txnStartTimestamp, long updateTimestamp) {

        Transition {
            partitions = Set.copyOf(partitions);
        }
    }

    final String transactionalId;
    long producerId;
    short producerEpoch;
    int timeoutMs;
    TxnState state;
    final Set<TopicPartition> partitions = new LinkedHashSet<>();
    long txnStartTimestamp = -1;
    long lastUpdateTimestamp;
    Transition pending;
    /** Requests parked until the decided transaction completes (see TransactionCoordinator.addPartitions). */
    final java.util.List<Runnable> completionWaiters = new java.util.ArrayList<>();

    TxnMetadata(String transactionalId, long producerId, short producerEpoch, int timeoutMs, TxnState state,
                long nowMs) {
        this.transactionalId = transactionalId;
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.timeoutMs = timeoutMs;
        this.state = state;
        this.lastUpdateTimestamp = nowMs;
    }

    Transition current() {
        return new Transition(producerId, producerEpoch, timeoutMs, state, partitions, txnStartTimestamp,
                lastUpdateTimestamp);
    }

    /** A transition from the current state: the same fields except those the caller replaces. */
    Transition to(TxnState next, Set<TopicPartition> nextPartitions, long txnStart, long now) {
        return new Transition(producerId, producerEpoch, timeoutMs, next, nextPartitions, txnStart, now);
    }

    void apply(Transition transition) {
        producerId = transition.producerId();
        producerEpoch = transition.producerEpoch();
        timeoutMs = transition.timeoutMs();
        state = transition.state();
        partitions.clear();
        partitions.addAll(transition.partitions());
        txnStartTimestamp = transition.txnStartTimestamp();
        lastUpdateTimestamp = transition.updateTimestamp();
    }

    @Override
    public String toString() {
        return "TxnMetadata(" + transactionalId + ", pid=" + producerId + ", epoch=" + producerEpoch + ", " + state
                + ", " + partitions + ")";
    }
}
