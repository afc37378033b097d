package io.tributary.broker.txn;

import io.tributary.broker.admin.TopicNames;
import io.tributary.broker.group.Scheduler;
import io.tributary.broker.replica.Partition;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.broker.replica.Watcher;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiException;
import io.tributary.protocol.Errors;
import io.tributary.storage.LogAppendInfo;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes one transaction marker to a partition this broker leads and reports when it is replicated to the
 * ISR (the high watermark passed it), as WriteTxnMarkers requires before the coordinator may complete the
 * transaction. A marker in {@code __consumer_offsets} also ends the producer's pending transactional
 * offsets in the group coordinator. Nothing is written when the partition is not led here or the log
 * refuses the marker (older producer or coordinator epoch). Thread-safe; never blocks.
 */
public final class TxnMarkerWriter {

    /** Told when a marker has ended a transaction's offsets in an offsets partition led here. */
    @FunctionalInterface
    public interface OffsetsMarkerListener {
        void onMarker(int offsetsPartition, long producerId, boolean commit);
    }

    private final ReplicaManager replicas;
    private final Scheduler scheduler;
    private final Time time;
    private final long timeoutMs;
    private final OffsetsMarkerListener offsetsListener;

    public TxnMarkerWriter(ReplicaManager replicas, Scheduler scheduler, Time time, long timeoutMs,
                           OffsetsMarkerListener offsetsListener) {
        this.replicas = replicas;
        this.scheduler = scheduler;
        this.time = time;
        this.timeoutMs = timeoutMs;
        this.offsetsListener = offsetsListener;
    }

    /** Completes with NONE once replicated, or with the error the coordinator should see. */
    public CompletableFuture<Errors> write(TopicPartition tp, long producerId, short producerEpoch,
                                           int coordinatorEpoch, boolean commit) {
        Partition partition = replicas.partition(tp);
        if (partition == null) {
            return CompletableFuture.completedFuture(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        }
        LogAppendInfo info;
        int leaderEpoch = partition.leaderEpoch();
        try {
            info = partition.appendMarker(producerId, producerEpoch, coordinatorEpoch, commit);
        } catch (ApiException e) {
            return CompletableFuture.completedFuture(e.error());
        }
        CompletableFuture<Errors> result = new CompletableFuture<>();
        ReplicationWait wait = new ReplicationWait(partition, leaderEpoch, info.lastOffset(), result);
        Scheduler.Cancellable timer = scheduler.schedule(timeoutMs, wait::onChange);
        result.whenComplete((error, failure) -> {
            timer.cancel();
            if (error == Errors.NONE && tp.topic().equals(TopicNames.CONSUMER_OFFSETS)) {
                offsetsListener.onMarker(tp.partition(), producerId, commit);
            }
        });
        partition.watch(wait);
        wait.onChange();
        return result;
    }

    /** Waits for the high watermark to pass the marker, while the leadership it was written under lasts. */
    private final class ReplicationWait implements Watcher {
        private final Partition partition;
        private final int leaderEpoch;
        private final long markerOffset;
        private final CompletableFuture<Errors> result;
        private final long deadlineNanos = time.nanoseconds() + timeoutMs * 1_000_000L;
        private final AtomicBoolean done = new AtomicBoolean();

        ReplicationWait(Partition partition, int leaderEpoch, long markerOffset, CompletableFuture<Errors> result) {
            this.partition = partition;
            this.leaderEpoch = leaderEpoch;
            this.markerOffset = markerOffset;
            this.result = result;
        }

        @Override
        public boolean isDone() {
            return done.get();
        }

        @Override
        public void onChange() {
            Errors outcome = null;
            if (!partition.isLeader() || partition.leaderEpoch() != leaderEpoch) {
                outcome = Errors.NOT_LEADER_OR_FOLLOWER;
            } else if (partition.highWatermark() > markerOffset) {
                outcome = Errors.NONE;
            } else if (time.nanoseconds() - deadlineNanos >= 0) {
                outcome = Errors.REQUEST_TIMED_OUT;
            }
            if (outcome != null && done.compareAndSet(false, true)) {
                result.complete(outcome);
            }
        }
    }
}
