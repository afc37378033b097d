package io.tributary.broker.group;

import io.tributary.broker.admin.TopicNames;
import io.tributary.broker.replica.Partition;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.broker.replica.Watcher;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiException;
import io.tributary.protocol.Errors;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatches;
import io.tributary.storage.LogAppendInfo;
import io.tributary.storage.LogSlice;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * {@link OffsetsTopic} over this broker's replicas of {@code __consumer_offsets}. An append goes to
 * the local leader replica like an acks=all produce and its future completes once the high
 * watermark covers the batch, or fails when leadership moves or the commit timeout passes; no
 * thread waits for it. Loading reads the local log from its start to its end in bounded slices.
 *
 * <p>Threading: appends to one partition are serialised by that partition's {@link Pending} monitor,
 * which also orders their futures; futures are completed on one dedicated thread, in append order,
 * never under a lock (the coordinator appends while holding a group's monitor and its callbacks take
 * it again).
 */
public final class ReplicatedOffsetsTopic implements OffsetsTopic, AutoCloseable {

    private static final int READ_CHUNK_BYTES = 1024 * 1024;

    private final ReplicaManager replicas;
    private final String topic;
    private final java.util.function.ToIntFunction<Partition> minInsyncReplicas;
    private final long commitTimeoutMs;
    private final Scheduler scheduler;
    private final Time time;
    private final ExecutorService completions;
    private final Map<Integer, Pending> pendingByPartition = new ConcurrentHashMap<>();

    /**
     * @param minInsyncReplicas the ISR size below which appends are refused (Kafka's min.insync.replicas)
     * @param commitTimeoutMs   how long an append may wait for replication ({@code offsets.commit.timeout.ms})
     */
    public ReplicatedOffsetsTopic(ReplicaManager replicas, int minInsyncReplicas, long commitTimeoutMs, Scheduler scheduler,
                                  Time time) {
        this(replicas, TopicNames.CONSUMER_OFFSETS, partition -> minInsyncReplicas, commitTimeoutMs, scheduler, time);
    }

    /**
     * The same over another internal, coordinator-owned topic ({@code __transaction_state}), whose
     * min.insync.replicas may depend on the partition (capped at its replica count).
     */
    public ReplicatedOffsetsTopic(ReplicaManager replicas, String topic,
                                  java.util.function.ToIntFunction<Partition> minInsyncReplicas, long commitTimeoutMs,
                                  Scheduler scheduler, Time time) {
        this.replicas = replicas;
        this.topic = topic;
        this.minInsyncReplicas = minInsyncReplicas;
        this.commitTimeoutMs = commitTimeoutMs;
        this.scheduler = scheduler;
        this.time = time;
        this.completions = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, topic + "-completions");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public CompletableFuture<Long> append(int partitionIndex, ByteBuffer recordBatch) {
        return append(partitionIndex, recordBatch, false);
    }

    @Override
    public CompletableFuture<Long> appendTransactional(int partitionIndex, ByteBuffer recordBatch) {
        return append(partitionIndex, recordBatch, true);
    }

    private CompletableFuture<Long> append(int partitionIndex, ByteBuffer recordBatch, boolean transactional) {
        Partition partition = replicas.partition(new TopicPartition(topic, partitionIndex));
        if (partition == null) {
            return CompletableFuture.failedFuture(new ApiException(Errors.NOT_LEADER_OR_FOLLOWER,
                    "No replica of " + topic + "-" + partitionIndex + " on this broker"));
        }
        Pending pending = pendingByPartition.computeIfAbsent(partitionIndex, p -> new Pending());
        CompletableFuture<Long> future = new CompletableFuture<>();
        Append append;
        synchronized (pending) {
            LogAppendInfo info;
            try {
                int minIsr = minInsyncReplicas.applyAsInt(partition);
                info = transactional ? partition.appendAsCoordinator(recordBatch, minIsr)
                        : partition.appendAsLeader(recordBatch, -1, minIsr);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            append = new Append(pending, partition, partition.leaderEpoch(), info.lastOffset(), future);
            pending.queue.add(append);
        }
        Scheduler.Cancellable timeout = scheduler.schedule(commitTimeoutMs, append::onChange);
        future.whenComplete((offset, failure) -> timeout.cancel());
        partition.watch(append);
        append.onChange(); // the high watermark may already cover it (a single replica)
        return future;
    }

    @Override
    public void readAll(int partitionIndex, Consumer<ByteBuffer> batches) {
        Partition partition = replicas.partition(new TopicPartition(topic, partitionIndex));
        if (partition == null) {
            return;
        }
        long position = partition.logStartOffset();
        long end = partition.logEndOffset();
        while (position < end) {
            LogSlice slice = partition.log().read(position, READ_CHUNK_BYTES, end, true);
            if (slice.isEmpty()) {
                break;
            }
            ByteBuffer buffer = slice.readFully();
            long next = lastOffsetIn(buffer) + 1;
            batches.accept(buffer);
            if (next <= position) {
                break;
            }
            position = next;
        }
    }

    private static long lastOffsetIn(ByteBuffer batches) {
        long last = -1;
        for (RecordBatch batch : RecordBatches.of(batches)) {
            last = batch.lastOffset();
        }
        return last;
    }

    @Override
    public void close() {
        completions.shutdownNow();
    }

    /** The appends of one partition not yet answered, oldest first. Guarded by its own monitor. */
    private static final class Pending {
        final ArrayDeque<Append> queue = new ArrayDeque<>();
    }

    /** One append waiting for the high watermark to pass its last offset. */
    private final class Append implements Watcher {
        private final Pending pending;
        private final Partition partition;
        private final int leaderEpoch;
        private final long lastOffset;
        private final CompletableFuture<Long> future;
        private final long deadlineNanos = time.nanoseconds() + commitTimeoutMs * 1_000_000L;
        private volatile boolean done;

        Append(Pending pending, Partition partition, int leaderEpoch, long lastOffset, CompletableFuture<Long> future) {
            this.pending = pending;
            this.partition = partition;
            this.leaderEpoch = leaderEpoch;
            this.lastOffset = lastOffset;
            this.future = future;
        }

        @Override
        public boolean isDone() {
            return done;
        }

        /** Settles every append of the partition, oldest first, whose outcome is now known. */
        @Override
        public void onChange() {
            List<Runnable> outcomes = new ArrayList<>();
            synchronized (pending) {
                for (Append head = pending.queue.peek(); head != null; head = pending.queue.peek()) {
                    Runnable outcome = head.outcome();
                    if (outcome == null) {
                        break;
                    }
                    pending.queue.poll();
                    head.done = true;
                    outcomes.add(outcome);
                }
                // Submitted under the monitor so the single completion thread sees them in append order.
                outcomes.forEach(completions::execute);
            }
        }

        private Runnable outcome() {
            if (!partition.isLeader() || partition.leaderEpoch() != leaderEpoch) {
                return () -> future.completeExceptionally(new ApiException(Errors.NOT_LEADER_OR_FOLLOWER,
                        "Lost leadership of " + partition.topicPartition() + " before the append was replicated"));
            }
            if (partition.highWatermark() > lastOffset) {
                return () -> future.complete(lastOffset);
            }
            if (time.nanoseconds() - deadlineNanos >= 0) {
                return () -> future.completeExceptionally(new ApiException(Errors.REQUEST_TIMED_OUT,
                        "Append to " + partition.topicPartition() + " was not replicated within " + commitTimeoutMs + " ms"));
            }
            return null;
        }
    }
}
