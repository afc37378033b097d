package io.tributary.broker.replica;

import io.tributary.broker.worker.PollWorker;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.types.Struct;
import io.tributary.storage.epoch.EpochEndOffset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the partitions this broker follows from one leader broker. Before fetching a partition
 * for a new leader epoch it asks the leader where its own last epoch ends (OffsetForLeaderEpoch)
 * and truncates anything past that boundary, so a replica that was ahead of the new leader drops
 * the records the leader never had instead of diverging. It then long-polls Fetch from its log
 * end, appending the leader's batches as they are and taking the leader's high watermark.
 *
 * <p>Threading: owns no thread. Whoever runs it (a {@link io.tributary.broker.worker.WorkerThread}
 * per source broker in production, the simulation's loop in tests) calls {@link #doWork}, which does
 * all network and log work of one round; role changes add and remove partitions from the metadata
 * thread under this object's monitor. A
 * partition's fetch state is tied to the leader epoch it was added for, and appends are re-checked
 * against the partition's current role under its lock, so a late response never lands after a
 * role change.
 */
final class ReplicaFetcher implements PollWorker {

    private static final Logger log = LoggerFactory.getLogger(ReplicaFetcher.class);
    private static final short FETCH_VERSION = 12;
    private static final short EPOCH_VERSION = 4;
    private static final long BACKOFF_MS = 200;

    private final int localBrokerId;
    private final int sourceBrokerId;
    private final ReplicaTransport transport;
    private final FetcherConfig config;
    private final Time time;
    private final Map<TopicPartition, Target> targets = new LinkedHashMap<>();
    private ReplicaTransport.Channel channel;
    private long channelRetryAtMs;
    private volatile Runnable wakeup = () -> { };

    /** Tunables shared by every fetcher of a broker. */
    record FetcherConfig(int maxWaitMs, int minBytes, int maxBytes, int partitionMaxBytes, int socketTimeoutMs) {
    }

    /** One partition being followed at one leader epoch; {@code truncated} once the epoch boundary is applied. */
    private static final class Target {
        final Partition partition;
        final int epoch;
        boolean truncated;
        long retryAfterMs;

        Target(Partition partition, int epoch) {
            this.partition = partition;
            this.epoch = epoch;
        }
    }

    ReplicaFetcher(int localBrokerId, int sourceBrokerId, ReplicaTransport transport, FetcherConfig config,
                   Time time) {
        this.time = time;
        this.localBrokerId = localBrokerId;
        this.sourceBrokerId = sourceBrokerId;
        this.transport = transport;
        this.config = config;
    }

    String name() {
        return "replica-fetcher-" + localBrokerId + "-from-" + sourceBrokerId;
    }

    int sourceBrokerId() {
        return sourceBrokerId;
    }

    void add(Partition partition, int epoch) {
        synchronized (this) {
            targets.put(partition.topicPartition(), new Target(partition, epoch));
        }
        wakeup.run();
    }

    @Override
    public void setWakeup(Runnable wakeup) {
        this.wakeup = wakeup;
    }

    synchronized void remove(TopicPartition tp) {
        targets.remove(tp);
    }

    /**
     * Drops {@code target} after its partition refused it (the role or epoch moved on), but only if it is still
     * the partition's target: the metadata thread may already have added a new one for the new epoch.
     */
    private synchronized void removeIfCurrent(Target target) {
        targets.remove(target.partition.topicPartition(), target);
    }

    synchronized boolean isEmpty() {
        return targets.isEmpty();
    }

    synchronized boolean follows(TopicPartition tp) {
        return targets.containsKey(tp);
    }

    /** One round: truncate the partitions that need it, then one Fetch for the others. */
    @Override
    public void doWork(long nowMs) {
        Map<TopicPartition, Target> ready = readyTargets(nowMs);
        if (ready.isEmpty() || nowMs < channelRetryAtMs) {
            return;
        }
        try {
            ensureChannel();
            truncateWhereNeeded(ready);
            fetch(ready);
        } catch (IOException e) {
            log.debug("Fetch from broker {} failed: {}", sourceBrokerId, e.toString());
            closeChannel();
            channelRetryAtMs = nowMs + BACKOFF_MS;
        } catch (RuntimeException e) {
            log.warn("Replica fetcher from broker {} failed; retrying", sourceBrokerId, e);
            closeChannel();
            channelRetryAtMs = nowMs + BACKOFF_MS;
        }
    }

    @Override
    public synchronized long nextWakeupMs(long nowMs) {
        long next = Long.MAX_VALUE;
        for (Target target : targets.values()) {
            next = Math.min(next, target.retryAfterMs);
        }
        return next == Long.MAX_VALUE ? next : Math.max(next, channelRetryAtMs);
    }

    @Override
    public void onStop() {
        closeChannel();
    }

    /** The partitions not in back-off. */
    private synchronized Map<TopicPartition, Target> readyTargets(long nowMs) {
        Map<TopicPartition, Target> ready = new LinkedHashMap<>();
        for (Map.Entry<TopicPartition, Target> entry : targets.entrySet()) {
            if (entry.getValue().retryAfterMs <= nowMs) {
                ready.put(entry.getKey(), entry.getValue());
            }
        }
        return ready;
    }

    private void ensureChannel() throws IOException {
        if (channel != null && channel.isStale()) {
            closeChannel();
        }
        if (channel == null) {
            channel = transport.connect(sourceBrokerId);
        }
    }

    private void closeChannel() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    /** Truncates each newly followed partition to the leader's end of our latest epoch (KIP-101/279). */
    private void truncateWhereNeeded(Map<TopicPartition, Target> ready) throws IOException {
        Struct request = MessageCodec.newRequest(ApiKey.OFFSET_FOR_LEADER_EPOCH).set("replica_id", localBrokerId);
        Map<String, Struct> topics = new HashMap<>();
        Map<TopicPartition, Target> asked = new HashMap<>();
        for (Map.Entry<TopicPartition, Target> entry : ready.entrySet()) {
            Target target = entry.getValue();
            if (target.truncated) {
                continue;
            }
            Optional<Integer> latest = target.partition.log().latestEpoch();
            if (latest.isEmpty()) {
                // Nothing stamped with an epoch: the log is empty or predates epochs; the high watermark is safe.
                truncate(target, target.partition.highWatermark());
                continue;
            }
            TopicPartition tp = entry.getKey();
            topics.computeIfAbsent(tp.topic(), name -> request.addChild("topics").set("topic", name))
                    .addChild("partitions").set("partition", tp.partition())
                    .set("current_leader_epoch", target.epoch).set("leader_epoch", latest.get());
            asked.put(tp, target);
        }
        if (asked.isEmpty()) {
            return;
        }
        Struct response = channel.call(ApiKey.OFFSET_FOR_LEADER_EPOCH, EPOCH_VERSION, request);
        for (Struct topic : response.getStructs("topics")) {
            for (Struct result : topic.getStructs("partitions")) {
                Target target = asked.get(new TopicPartition(topic.getString("topic"), result.getInt("partition")));
                if (target == null) {
                    continue;
                }
                Errors error = Errors.forCode(result.getShort("error_code"));
                if (error != Errors.NONE) {
                    backOff(target, error);
                    continue;
                }
                truncateToLeaderAnswer(target, result.getInt("leader_epoch"), result.getLong("end_offset"));
            }
        }
    }

    /**
     * Applies the leader's answer for our latest epoch (KIP-101/279), as Kafka's fetcher does. When our largest
     * epoch at or below the one the leader answered with is that same epoch, the log ends at the smaller of the
     * two ends of it; when we know no epoch at or below it, at the leader's end. But when our largest such epoch
     * is an earlier one, the leader's end offset says nothing about our records after that epoch (another
     * leader may have written them), so we only cut back to where that epoch of ours ends and ask again.
     * Taking the leader's offset there kept a divergent batch (seed 1193 of the replication simulation).
     */
    private void truncateToLeaderAnswer(Target target, int leaderEpoch, long leaderEndOffset) {
        Partition partition = target.partition;
        if (leaderEndOffset < 0) {
            truncate(target, partition.highWatermark(), true);
            return;
        }
        EpochEndOffset local = partition.log().endOffsetForEpoch(leaderEpoch);
        if (local.endOffset() < 0) {
            truncate(target, Math.min(leaderEndOffset, partition.logEndOffset()), true);
        } else if (local.leaderEpoch() != leaderEpoch) {
            truncate(target, Math.min(local.endOffset(), partition.logEndOffset()), false);
        } else {
            truncate(target, Math.min(Math.min(leaderEndOffset, local.endOffset()), partition.logEndOffset()), true);
        }
    }

    private void truncate(Target target, long offset) {
        truncate(target, offset, true);
    }

    /** Truncates to {@code offset}; the target may fetch once {@code complete}, else it asks the leader again. */
    private void truncate(Target target, long offset, boolean complete) {
        long before = target.partition.logEndOffset();
        if (target.partition.truncateAsFollowerOf(sourceBrokerId, target.epoch, offset)) {
            target.truncated = complete;
            if (before != target.partition.logEndOffset()) {
                log.info("Truncated {} from {} to {} for leader {} epoch {}", target.partition.topicPartition(),
                        before, target.partition.logEndOffset(), sourceBrokerId, target.epoch);
            }
        } else {
            removeIfCurrent(target);
        }
    }

    private void fetch(Map<TopicPartition, Target> ready) throws IOException {
        Struct request = MessageCodec.newRequest(ApiKey.FETCH)
                .set("replica_id", localBrokerId).set("max_wait_ms", config.maxWaitMs())
                .set("min_bytes", config.minBytes()).set("max_bytes", config.maxBytes())
                .set("isolation_level", (byte) 0).set("session_id", 0).set("session_epoch", -1)
                .set("rack_id", "");
        Map<String, Struct> topics = new HashMap<>();
        Map<TopicPartition, Target> asked = new HashMap<>();
        for (Map.Entry<TopicPartition, Target> entry : ready.entrySet()) {
            Target target = entry.getValue();
            if (!target.truncated) {
                continue;
            }
            TopicPartition tp = entry.getKey();
            Partition partition = target.partition;
            topics.computeIfAbsent(tp.topic(), name -> request.addChild("topics").set("topic", name))
                    .addChild("partitions").set("partition", tp.partition())
                    .set("current_leader_epoch", target.epoch)
                    .set("fetch_offset", partition.logEndOffset())
                    .set("last_fetched_epoch", partition.log().latestEpoch().orElse(-1))
                    .set("log_start_offset", partition.logStartOffset())
                    .set("partition_max_bytes", config.partitionMaxBytes());
            asked.put(tp, target);
        }
        if (asked.isEmpty()) {
            return;
        }
        Struct response = channel.call(ApiKey.FETCH, FETCH_VERSION, request);
        Errors topLevel = Errors.forCode(response.getShort("error_code"));
        if (topLevel != Errors.NONE) {
            throw new IOException("Fetch from broker " + sourceBrokerId + " failed: " + topLevel);
        }
        for (Struct topic : response.getStructs("responses")) {
            for (Struct result : topic.getStructs("partitions")) {
                TopicPartition tp = new TopicPartition(topic.getString("topic"), result.getInt("partition_index"));
                Target target = asked.get(tp);
                if (target != null && isCurrent(tp, target)) {
                    apply(target, result);
                }
            }
        }
    }

    private synchronized boolean isCurrent(TopicPartition tp, Target target) {
        return targets.get(tp) == target;
    }

    private void apply(Target target, Struct result) {
        Errors error = Errors.forCode(result.getShort("error_code"));
        if (error == Errors.OFFSET_OUT_OF_RANGE) {
            // Our log end is past the leader's (or below its start): find the epoch boundary again.
            target.truncated = false;
            backOff(target, error);
            return;
        }
        if (error != Errors.NONE) {
            backOff(target, error);
            return;
        }
        ByteBuffer records = result.getBytes("records");
        if (records == null) {
            records = ByteBuffer.allocate(0);
        }
        if (!target.partition.appendAsFollowerOf(sourceBrokerId, target.epoch, records, result.getLong("high_watermark"))) {
            removeIfCurrent(target);
        }
    }

    /** A partition-level error (the leader has not caught up with the new epoch yet, or moved): retry later. */
    private void backOff(Target target, Errors error) {
        log.debug("{} from leader {}: {}; backing off", target.partition.topicPartition(), sourceBrokerId, error);
        target.retryAfterMs = time.hiResMilliseconds() + BACKOFF_MS;
    }

    List<TopicPartition> partitions() {
        synchronized (this) {
            return List.copyOf(targets.keySet());
        }
    }
}
