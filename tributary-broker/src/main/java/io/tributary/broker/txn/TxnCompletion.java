package io.tributary.broker.txn;

import io.tributary.broker.group.Scheduler;
import io.tributary.common.Time;
import io.tributary.protocol.Errors;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The coordinator's writes and the end of decided transactions: {@link #persist} writes a state change to
 * {@code __transaction_state} and applies it once replicated; {@link #deliverMarkers} sends a decided
 * transaction's markers and then writes CompleteCommit / CompleteAbort (retried while this broker still
 * coordinates); {@link #abortWithEpochBump} aborts an open transaction fencing its producer; requests that
 * arrive while markers are out may be parked until the transaction completes.
 *
 * <p>Threading: every method whose javadoc says so is called under the metadata's monitor; futures complete
 * on the state topic's completion thread or the scheduler, which take the monitor again. Thread-safe.
 */
final class TxnCompletion {

    private static final long RETRY_BACKOFF_MS = 100;
    /** How long AddPartitionsToTxn waits for the previous transaction's markers before CONCURRENT_TRANSACTIONS. */
    private static final long PARK_WHILE_COMPLETING_MS = 1_000;

    private final TxnRegistry registry;
    private final TxnStateStore store;
    private final MarkerDelivery markers;
    private final Scheduler scheduler;
    private final Time time;

    TxnCompletion(TxnRegistry registry, TxnStateStore store, MarkerDelivery markers, Scheduler scheduler, Time time) {
        this.registry = registry;
        this.store = store;
        this.markers = markers;
        this.scheduler = scheduler;
        this.time = time;
    }

    /** Called under the metadata's monitor: aborts the open transaction at epoch + 1, fencing the producer. */
    void abortWithEpochBump(TxnRegistry.OwnedPartition owner, TxnMetadata metadata) {
        TxnMetadata.Transition prepare = new TxnMetadata.Transition(metadata.producerId,
                (short) (metadata.producerEpoch + 1), metadata.timeoutMs, TxnState.PREPARE_ABORT, metadata.partitions,
                metadata.txnStartTimestamp, time.milliseconds());
        persist(owner, metadata, prepare).thenAccept(result -> {
            if (result == Errors.NONE) {
                synchronized (metadata) {
                    deliverMarkers(owner, metadata, prepare);
                }
            }
        });
    }

    /** Called under the metadata's monitor once {@code prepare} is durable: markers, then Complete*. */
    void deliverMarkers(TxnRegistry.OwnedPartition owner, TxnMetadata metadata, TxnMetadata.Transition prepare) {
        boolean commit = prepare.state() == TxnState.PREPARE_COMMIT;
        MarkerDelivery.Marker marker = new MarkerDelivery.Marker(prepare.producerId(), prepare.producerEpoch(),
                owner.coordinatorEpoch, commit);
        markers.send(marker, prepare.partitions(), () -> registry.isCurrent(owner))
                .whenComplete((ignored, failure) -> {
                    if (failure == null) {
                        complete(owner, metadata, prepare);
                    }
                });
    }

    private void complete(TxnRegistry.OwnedPartition owner, TxnMetadata metadata, TxnMetadata.Transition prepare) {
        if (!registry.isCurrent(owner)) {
            return;
        }
        synchronized (metadata) {
            if (metadata.state != prepare.state() || metadata.producerEpoch != prepare.producerEpoch()) {
                return;
            }
            if (metadata.pending != null) {
                scheduler.schedule(RETRY_BACKOFF_MS, () -> complete(owner, metadata, prepare));
                return;
            }
            TxnState done = prepare.state() == TxnState.PREPARE_COMMIT ? TxnState.COMPLETE_COMMIT : TxnState.COMPLETE_ABORT;
            persist(owner, metadata, metadata.to(done, Set.of(), metadata.txnStartTimestamp, time.milliseconds()))
                    .thenAccept(result -> {
                        if (result == Errors.NONE) {
                            List<Runnable> waiters;
                            synchronized (metadata) {
                                waiters = List.copyOf(metadata.completionWaiters);
                                metadata.completionWaiters.clear();
                            }
                            waiters.forEach(Runnable::run);
                        } else if (registry.isCurrent(owner)) {
                            scheduler.schedule(RETRY_BACKOFF_MS, () -> complete(owner, metadata, prepare));
                        }
                    });
        }
    }

    /**
     * Called under the metadata's monitor: writes {@code next} and applies it once replicated. Meanwhile the
     * id is busy (CONCURRENT_TRANSACTIONS to others).
     */
    CompletableFuture<Errors> persist(TxnRegistry.OwnedPartition owner, TxnMetadata metadata,
                                              TxnMetadata.Transition next) {
        metadata.pending = next;
        return store.write(owner.partition, metadata.transactionalId, next).thenApply(result -> {
            synchronized (metadata) {
                if (metadata.pending == next) {
                    metadata.pending = null;
                    if (result == Errors.NONE) {
                        metadata.apply(next);
                    }
                }
            }
            return registry.isCurrent(owner) || result != Errors.NONE ? result : Errors.NOT_COORDINATOR;
        });
    }

    /** Called under the metadata's monitor: re-runs {@code retry} once the decided transaction completes. */
    CompletableFuture<Errors> parkUntilComplete(TxnMetadata metadata,
                                                        java.util.function.Supplier<CompletableFuture<Errors>> retry) {
        CompletableFuture<Errors> answer = new CompletableFuture<>();
        Scheduler.Cancellable timeout = scheduler.schedule(PARK_WHILE_COMPLETING_MS,
                () -> answer.complete(Errors.CONCURRENT_TRANSACTIONS));
        metadata.completionWaiters.add(() -> {
            timeout.cancel();
            if (!answer.isDone()) {
                retry.get().thenAccept(answer::complete);
            }
        });
        return answer;
    }
}
