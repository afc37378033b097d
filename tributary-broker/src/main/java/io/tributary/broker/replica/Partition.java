package io.tributary.broker.replica;

import io.tributary.broker.metrics.TopicMetrics;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiException;
import io.tributary.protocol.Errors;
import io.tributary.storage.LogAppendInfo;
import io.tributary.storage.LogException;
import io.tributary.storage.UnifiedLog;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A local replica of one partition: its log plus its role. As leader it appends producers' batches,
 * tracks each follower's log end offset, and advances the high watermark to what every ISR member
 * has; consumers read only below it. As follower it appends the leader's batches as they are.
 *
 * <p>Threading: role changes, appends and follower-progress updates happen under the partition's
 * lock (one writer at a time); reads go to the log, which is safe for concurrent readers. Waiters
 * (delayed fetches and acks=all produces) are woken after the lock is released.
 *
 * <p>A replica whose log directory failed is {@linkplain #markOffline offline} for good (until the broker
 * restarts): it neither leads nor follows, and appends are refused with KAFKA_STORAGE_ERROR.
 */
public final class Partition {

    private final TopicPartition topicPartition;
    private volatile java.util.UUID topicId;
    private final UnifiedLog log;
    private final int localBrokerId;
    private final Time time;
    private final ReentrantLock lock = new ReentrantLock();
    private final PartitionWatchers watchers = new PartitionWatchers();
    private final Map<Integer, ReplicaState> followers = new HashMap<>();
    /** Followers being added to the ISR (the write is in flight): the high watermark waits for them too. */
    private final java.util.Set<Integer> joiningIsr = new java.util.HashSet<>();
    private volatile int leaderId = -1;
    private volatile int leaderEpoch = -1;
    private volatile List<Integer> isr = List.of();
    private volatile List<Integer> replicas = List.of();
    private volatile boolean offline;
    private final TopicMetrics metrics;

    public Partition(TopicPartition topicPartition, UnifiedLog log, int localBrokerId, Time time, TopicMetrics metrics) {
        this(topicPartition, new java.util.UUID(0, 0), log, localBrokerId, time, metrics);
    }

    /** A replica of the topic with this id: requests naming another id are refused with INCONSISTENT_TOPIC_ID. */
    public Partition(TopicPartition topicPartition, java.util.UUID topicId, UnifiedLog log, int localBrokerId, Time time,
                     TopicMetrics metrics) {
        this.topicPartition = topicPartition;
        this.topicId = topicId;
        this.log = log;
        this.localBrokerId = localBrokerId;
        this.time = time;
        this.metrics = metrics;
    }

    /** Its topic's BrokerTopicMetrics, resolved once so that produce and fetch mark them without a lookup. */
    public TopicMetrics metrics() {
        return metrics;
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    /** The id of the topic this replica belongs to; the zero UUID when created without one. */
    public java.util.UUID topicId() {
        return topicId;
    }

    /** A topic created before topic ids has been given one: record it here and in the log directory. */
    public void learnTopicId(java.util.UUID id) {
        lock.lock();
        try {
            log.assignTopicId(id);
            topicId = id;
        } finally {
            lock.unlock();
        }
    }

    public UnifiedLog log() {
        return log;
    }

    public boolean isLeader() {
        return leaderId == localBrokerId;
    }

    /** Whether the replica's log directory failed; see {@link #markOffline}. */
    public boolean isOffline() {
        return offline;
    }

    /**
     * Takes the replica out of service because its log directory failed: it stops leading and following, and
     * waiters are woken so parked produces and fetches answer now. Role changes from later images are ignored.
     */
    public void markOffline() {
        lock.lock();
        try {
            offline = true;
            leaderId = -1;
            followers.clear();
        } finally {
            lock.unlock();
        }
        watchers.fire();
    }

    public int leaderId() {
        return leaderId;
    }

    public int leaderEpoch() {
        return leaderEpoch;
    }

    public List<Integer> isr() {
        return isr;
    }

    public List<Integer> replicas() {
        return replicas;
    }

    public long highWatermark() {
        return log.highWatermark();
    }

    public long logEndOffset() {
        return log.logEndOffset();
    }

    public long logStartOffset() {
        return log.logStartOffset();
    }

    /** Becomes (or stays) leader for this epoch; a new epoch starts at the current log end. */
    public void makeLeader(int epoch, List<Integer> newIsr, List<Integer> assignedReplicas) {
        lock.lock();
        try {
            if (offline) {
                return;
            }
            boolean newEpoch = epoch != leaderEpoch || leaderId != localBrokerId;
            if (newEpoch) {
                log.assignEpochStartOffset(epoch, log.logEndOffset());
                followers.clear();
                joiningIsr.clear();
            }
            long now = time.milliseconds();
            for (int replica : assignedReplicas) {
                if (replica != localBrokerId) {
                    followers.computeIfAbsent(replica, id -> new ReplicaState(id, now));
                }
            }
            followers.keySet().retainAll(assignedReplicas);
            leaderId = localBrokerId;
            leaderEpoch = epoch;
            isr = List.copyOf(newIsr);
            replicas = List.copyOf(assignedReplicas);
            maybeIncrementHighWatermark();
        } finally {
            lock.unlock();
        }
        watchers.fire();
    }

    /** Follows another broker's leadership for this epoch. */
    public void makeFollower(int leader, int epoch, List<Integer> newIsr, List<Integer> assignedReplicas) {
        lock.lock();
        try {
            if (offline) {
                return;
            }
            leaderId = leader;
            leaderEpoch = epoch;
            isr = List.copyOf(newIsr);
            replicas = List.copyOf(assignedReplicas);
            followers.clear();
            joiningIsr.clear();
        } finally {
            lock.unlock();
        }
        watchers.fire();
    }

    /**
     * Starts adding a follower to the ISR: true if, now, it has everything below the high watermark. Until
     * the change lands ({@link #updateIsr}) or is {@link #abortIsrJoin abandoned}, the high watermark also
     * waits for it, so it cannot fall behind between this check and the write. (Checking only when the
     * fetch was seen let the high watermark pass it while the write was queued: seed 1971 of the
     * replication simulation.)
     */
    public boolean beginIsrJoin(int followerId) {
        lock.lock();
        try {
            ReplicaState follower = followers.get(followerId);
            if (!isLeader() || follower == null || follower.logEndOffset < log.highWatermark()) {
                return false;
            }
            joiningIsr.add(followerId);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Ends an ISR join that did not land (or did: then it is a no-op); the high watermark may move. */
    public void abortIsrJoin(int followerId) {
        lock.lock();
        try {
            if (joiningIsr.remove(followerId) && isLeader()) {
                maybeIncrementHighWatermark();
            }
        } finally {
            lock.unlock();
        }
        watchers.fire();
    }

    /** Updates the ISR as the controller or this leader decided; the high watermark may move. */
    public void updateIsr(List<Integer> newIsr) {
        lock.lock();
        try {
            isr = List.copyOf(newIsr);
            joiningIsr.removeIf(newIsr::contains);
            if (isLeader()) {
                maybeIncrementHighWatermark();
            }
        } finally {
            lock.unlock();
        }
        watchers.fire();
    }

    /**
     * Appends a producer's batch as leader. With acks=all, refuses up front when the ISR is smaller
     * than {@code minInsyncReplicas}, so nothing is written that could not be acknowledged. A flush the
     * append made due (flush.messages, flush.ms) runs after the lock is released, so other appends and
     * follower fetches do not wait for the fsync. It still completes before this returns (so before any
     * acknowledgement), and this append advances the high watermark only after it.
     */
    public LogAppendInfo appendAsLeader(ByteBuffer records, int requiredAcks, int minInsyncReplicas) {
        return appendLocked(() -> log.appendAsLeader(records, leaderEpoch), requiredAcks, minInsyncReplicas);
    }

    /** A coordinator's own batch (transactional offsets), appended as leader without sequence checks. */
    public LogAppendInfo appendAsCoordinator(ByteBuffer records, int minInsyncReplicas) {
        return appendLocked(() -> log.appendAsCoordinator(records, leaderEpoch), -1, minInsyncReplicas);
    }

    /** Writes a transaction marker as leader (WriteTxnMarkers); followers copy it like any batch. */
    public LogAppendInfo appendMarker(long producerId, short producerEpoch, int coordinatorEpoch, boolean commit) {
        return appendLocked(() -> log.appendMarkerAsLeader(producerId, producerEpoch, coordinatorEpoch, commit,
                leaderEpoch), 1, 0);
    }

    private LogAppendInfo appendLocked(Supplier<LogAppendInfo> append, int requiredAcks, int minInsyncReplicas) {
        LogAppendInfo info;
        lock.lock();
        try {
            if (offline) {
                throw new ApiException(Errors.KAFKA_STORAGE_ERROR, "The log directory of " + topicPartition
                        + " on broker " + localBrokerId + " failed");
            }
            if (!isLeader()) {
                throw new ApiException(Errors.NOT_LEADER_OR_FOLLOWER, "Broker " + localBrokerId
                        + " is not the leader of " + topicPartition);
            }
            if (requiredAcks == -1 && isr.size() < minInsyncReplicas) {
                throw new ApiException(Errors.NOT_ENOUGH_REPLICAS, "The size of the current ISR " + isr
                        + " is insufficient to satisfy the min.isr requirement of " + minInsyncReplicas + " for partition "
                        + topicPartition);
            }
            info = append.get();
        } catch (LogException e) {
            throw new ApiException(Errors.forCode(e.error().kafkaCode), e.getMessage());
        } finally {
            lock.unlock();
        }
        flushIfDue();
        lock.lock();
        try {
            if (isLeader()) {
                maybeIncrementHighWatermark();
            }
        } finally {
            lock.unlock();
        }
        watchers.fire();
        return info;
    }

    /** Runs the log's due flush, outside the partition's lock (and the log's). */
    private void flushIfDue() {
        assert !lock.isHeldByCurrentThread();
        try {
            log.flushIfDue();
        } catch (LogException e) {
            throw new ApiException(Errors.forCode(e.error().kafkaCode), e.getMessage());
        }
    }

    /** Appends the leader's batches (offsets and epochs kept) as a follower. */
    public void appendAsFollower(ByteBuffer records, long leaderHighWatermark) {
        lock.lock();
        try {
            log.appendAsFollower(records);
            takeLeaderHighWatermark(leaderHighWatermark);
        } catch (LogException e) {
            throw new ApiException(Errors.forCode(e.error().kafkaCode), e.getMessage());
        } finally {
            lock.unlock();
        }
        flushIfDue();
        watchers.fire();
    }

    /**
     * Appends the leader's batches only while this replica still follows {@code leader} at
     * {@code epoch}, so a response that arrives after a role change is dropped, not applied.
     */
    public boolean appendAsFollowerOf(int leader, int epoch, ByteBuffer records, long leaderHighWatermark) {
        lock.lock();
        try {
            if (leaderId != leader || leaderEpoch != epoch || isLeader()) {
                return false;
            }
            log.appendAsFollower(records);
            takeLeaderHighWatermark(leaderHighWatermark);
        } catch (LogException e) {
            throw new ApiException(Errors.forCode(e.error().kafkaCode), e.getMessage());
        } finally {
            lock.unlock();
        }
        flushIfDue(); // before the fetcher's next fetch reports these records as replicated
        watchers.fire();
        return true;
    }

    /**
     * Truncates the log to {@code offset} (the leader's epoch boundary) only while this replica still
     * follows {@code leader} at {@code epoch}; a leader's log is never truncated.
     */
    public boolean truncateAsFollowerOf(int leader, int epoch, long offset) {
        lock.lock();
        try {
            if (leaderId != leader || leaderEpoch != epoch || isLeader()) {
                return false;
            }
            log.truncateTo(offset);
        } finally {
            lock.unlock();
        }
        watchers.fire();
        return true;
    }

    /**
     * Records a follower's fetch position. Returns true if the ISR should grow (the follower caught
     * up); the caller publishes ISR changes through ZooKeeper.
     */
    public boolean recordFollowerFetch(int followerId, long fetchOffset) {
        boolean canJoinIsr;
        lock.lock();
        try {
            ReplicaState follower = followers.get(followerId);
            if (follower == null || !isLeader()) {
                return false;
            }
            long now = time.milliseconds();
            follower.logEndOffset = fetchOffset;
            follower.lastFetchTimeMs = now;
            if (fetchOffset >= log.logEndOffset()) {
                follower.lastCaughtUpTimeMs = now;
            }
            canJoinIsr = !isr.contains(followerId) && fetchOffset >= log.highWatermark();
            maybeIncrementHighWatermark();
        } finally {
            lock.unlock();
        }
        watchers.fire();
        return canJoinIsr;
    }

    /** Followers in the ISR that have not caught up within {@code maxLagMs}. */
    public List<Integer> laggingIsrMembers(long maxLagMs) {
        lock.lock();
        try {
            List<Integer> lagging = new ArrayList<>();
            long now = time.milliseconds();
            for (int member : isr) {
                ReplicaState follower = followers.get(member);
                if (member != localBrokerId && follower != null && follower.logEndOffset < log.logEndOffset()
                        && now - follower.lastCaughtUpTimeMs > maxLagMs) {
                    lagging.add(member);
                }
            }
            return lagging;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A follower takes the leader's high watermark (capped at its own log end) only when it is ahead of its
     * own: a newly elected leader's high watermark can lag the old leader's until its followers fetch, and
     * copying it would move this replica's back. Caller holds the lock.
     */
    private void takeLeaderHighWatermark(long leaderHighWatermark) {
        assert lock.isHeldByCurrentThread();
        long candidate = Math.min(leaderHighWatermark, log.logEndOffset());
        if (candidate > log.highWatermark()) {
            log.updateHighWatermark(candidate);
        }
    }

    /** HW = the smallest log end offset among ISR members; it never moves back. Caller holds the lock. */
    private void maybeIncrementHighWatermark() {
        assert lock.isHeldByCurrentThread();
        long candidate = log.logEndOffset();
        java.util.Set<Integer> members = new java.util.LinkedHashSet<>(isr);
        members.addAll(joiningIsr);
        for (int member : members) {
            if (member == localBrokerId) {
                continue;
            }
            ReplicaState follower = followers.get(member);
            long followerEnd = follower == null ? -1 : follower.logEndOffset;
            candidate = Math.min(candidate, Math.max(followerEnd, 0));
        }
        if (candidate > log.highWatermark()) {
            log.updateHighWatermark(candidate);
        }
    }

    /** Re-evaluates the watcher after every change (append, HW move, role change) until it is done. */
    public void watch(Watcher watcher) {
        watchers.watch(watcher);
    }

    public void wakeWatchers() {
        watchers.fire();
    }

    @Override
    public String toString() {
        return topicPartition + "[leader=" + leaderId + ", epoch=" + leaderEpoch + ", isr=" + isr + "]";
    }
}
