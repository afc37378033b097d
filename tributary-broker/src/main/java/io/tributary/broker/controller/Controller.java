package io.tributary.broker.controller;

import io.tributary.broker.cluster.ControlPlaneStore;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.metadata.StateChangeLog;
import io.tributary.broker.metadata.TopicInfo;
import io.tributary.broker.worker.PollWorker;
import io.tributary.common.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's controller: at most one broker at a time holds /controller. It reacts to every
 * new cluster image by creating state for new partitions, electing leaders (from the ISR) for
 * partitions whose leader died, moving leadership back to preferred replicas, and finishing topic
 * deletions. Brokers learn their roles by watching the partition state znodes it writes.
 *
 * <p>A broker whose log directory fails reports it under {@code /log_dir_event_notification}, naming the
 * partitions whose replicas it lost. The controller moves leadership of each to another ISR member (none left:
 * the partition has no leader and keeps its ISR) and takes the broker out of their ISRs. It remembers the
 * replicas as offline, so that no election, unclean ones included, picks them while that broker registration
 * lives (a restart brings the directory back or leaves it out), and removes the event, as Kafka's controller
 * does. The memory is the active controller's only: a controller elected later learns of no earlier failure,
 * but the failed broker neither fetches nor leads those replicas, so they never rejoin an ISR.
 *
 * <p>Threading: owns no thread. Whoever runs it (the broker's "controller"
 * {@link io.tributary.broker.worker.WorkerThread}, or the simulation) calls {@link #doWork}, which
 * first takes the newest image handed over by {@link #onImage} (from the metadata thread) and the
 * queued commands, then does the timed work: the retry of a failed pass a second later, and every
 * 30 s the preferred-leader pass. Writes are fenced by the controller epoch's znode version, so a
 * deposed controller cannot overwrite newer state.
 */
public final class Controller implements PollWorker, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Controller.class);

    private static final long RETRY_MS = 1_000;
    private static final long REBALANCE_INTERVAL_MS = 30_000;

    private final int brokerId;
    private final ControlPlaneStore zk;
    private final Supplier<ClusterImage> currentImage;
    private final boolean uncleanElection;
    private final boolean autoLeaderRebalance;
    private final AtomicReference<ClusterImage> handedOver = new AtomicReference<>();
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private volatile Runnable wakeup = () -> { };
    private volatile boolean closed;
    private volatile boolean active;
    private int epoch;
    private int epochZkVersion = -1;
    /** Replicas lost with a failed log directory, per broker, with the broker registration (epoch) they belong to. */
    private final Map<Integer, OfflineReplicas> offlineReplicas = new java.util.HashMap<>();

    private record OfflineReplicas(long brokerEpoch, java.util.Set<TopicPartition> partitions) {
    }
    private long retryAtMs = Long.MAX_VALUE;
    private long rebalanceAtMs = -1;

    /**
     * @param currentImage the newest cluster image (the metadata cache's), read when a pass is retried and by
     *                     commands
     */
    public Controller(int brokerId, ControlPlaneStore zk, Supplier<ClusterImage> currentImage, boolean uncleanElection,
                      boolean autoLeaderRebalance) {
        this.brokerId = brokerId;
        this.zk = zk;
        this.currentImage = currentImage;
        this.uncleanElection = uncleanElection;
        this.autoLeaderRebalance = autoLeaderRebalance;
    }

    public boolean isActive() {
        return active;
    }

    /** Hands over a new image (any thread); the next {@code doWork} reacts to the newest one handed over. */
    public void onImage(ClusterImage image) {
        handedOver.set(image);
        wakeup.run();
    }

    @Override
    public void setWakeup(Runnable wakeup) {
        this.wakeup = wakeup;
    }

    @Override
    public long nextWakeupMs(long nowMs) {
        if (handedOver.get() != null || !commands.isEmpty()) {
            return nowMs;
        }
        return Math.min(retryAtMs, autoLeaderRebalance && active ? rebalanceAtMs : Long.MAX_VALUE);
    }

    @Override
    public void doWork(long nowMs) {
        if (rebalanceAtMs < 0) {
            rebalanceAtMs = nowMs + REBALANCE_INTERVAL_MS;
        }
        Runnable command;
        while ((command = commands.poll()) != null) {
            command.run();
        }
        ClusterImage image = handedOver.getAndSet(null);
        if (image == null && nowMs >= retryAtMs) {
            image = currentImage.get();
        }
        if (image != null) {
            retryAtMs = onImage0(image) ? Long.MAX_VALUE : nowMs + RETRY_MS;
        }
        if (autoLeaderRebalance && nowMs >= rebalanceAtMs) {
            rebalanceAtMs = nowMs + REBALANCE_INTERVAL_MS;
            rebalanceLeaders();
        }
    }

    /** One pass over the image; false when it failed and should be retried. */
    private boolean onImage0(ClusterImage image) {
        try {
            if (!active) {
                tryToBecomeController(image);
            } else if (image.controllerId() != brokerId && zk.controllerId() != brokerId) {
                // The image may predate our own /controller write; ZooKeeper itself decides.
                log.info("Broker {} is no longer the controller", brokerId);
                active = false;
                tryToBecomeController(image);
            }
            if (active) {
                reconcile(image);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the broker is stopping
            return true;
        } catch (Exception e) {
            if (closed) {
                return true;
            }
            log.error("Controller work failed; will retry in {} ms", RETRY_MS, e);
            return false;
        }
    }

    private void tryToBecomeController(ClusterImage image) throws Exception {
        if (image.controllerId() != -1 && image.controllerId() != brokerId) {
            return;
        }
        if (image.controllerId() == brokerId || zk.tryCreateController(brokerId)) {
            int[] epochAndVersion = zk.incrementControllerEpoch();
            epoch = epochAndVersion[0];
            epochZkVersion = epochAndVersion[1];
            active = true;
            log.info("Broker {} is the controller (epoch {})", brokerId, epoch);
        }
    }

    private void reconcile(ClusterImage image) throws Exception {
        handleLogDirEvents(image);
        for (String topic : image.topicsBeingDeleted()) {
            if (zk.deleteTopicZnodes(topic, epochZkVersion)) {
                log.info("Deleted topic {}", topic);
            }
        }
        for (TopicInfo topic : image.topics().values()) {
            if (image.topicsBeingDeleted().contains(topic.name())) {
                continue;
            }
            if (topic.topicId().equals(new UUID(0, 0)) && zk.assignTopicIdIfAbsent(topic.name())) {
                log.info("Assigned a topic id to {}, created without one", topic.name());
            }
            createNewPartitions(topic, image);
            boolean unclean = uncleanElection || Boolean.parseBoolean(
                    image.topicConfig(topic.name()).getOrDefault("unclean.leader.election.enable", "false"));
            for (Map.Entry<Integer, List<Integer>> entry : topic.assignment().entrySet()) {
                TopicPartition tp = new TopicPartition(topic.name(), entry.getKey());
                PartitionState state = image.partition(tp);
                if (state == null) {
                    continue;
                }
                int lost = lostReplicaInUse(state, tp, image);
                PartitionState next = lost >= 0
                        ? LeaderElection.withoutFailedReplica(state, entry.getValue(), image, lost, epoch) : null;
                if (next == null) {
                    next = LeaderElection.electIfNeeded(state, entry.getValue(), image, unclean, epoch);
                }
                if (next != null && isOffline(next.leader(), tp, image)) {
                    next = null; // an unclean election would pick a replica whose log is gone
                }
                if (next != null) {
                    write(tp, state, next);
                }
            }
        }
    }

    /** Acts on every pending log dir failure event, then removes it; called with each new image. */
    private void handleLogDirEvents(ClusterImage image) throws Exception {
        offlineReplicas.entrySet().removeIf(e -> image.brokers().get(e.getKey()) == null
                || image.brokers().get(e.getKey()).epoch() != e.getValue().brokerEpoch());
        for (Map.Entry<String, io.tributary.broker.zk.ZkCodec.LogDirEvent> event : zk.logDirEvents().entrySet()) {
            int failed = event.getValue().brokerId();
            var registration = image.brokers().get(failed);
            if (registration != null) {
                offlineReplicas.computeIfAbsent(failed, id -> new OfflineReplicas(registration.epoch(),
                        new java.util.HashSet<>())).partitions().addAll(event.getValue().offlinePartitions());
            }
            log.info("Log directory failure on broker {}: replicas {} are offline", failed,
                    event.getValue().offlinePartitions());
            // Remembered before the event goes; the reconcile pass that follows moves leaderships and ISRs.
            zk.deleteIfExists(event.getKey());
        }
    }

    /** A broker whose replica of {@code tp} is offline yet leads it or is in its ISR; -1 if none. */
    private int lostReplicaInUse(PartitionState state, TopicPartition tp, ClusterImage image) {
        if (isOffline(state.leader(), tp, image)) {
            return state.leader();
        }
        for (int member : state.isr()) {
            if (isOffline(member, tp, image)) {
                return member;
            }
        }
        return -1;
    }

    private boolean isOffline(int broker, TopicPartition tp, ClusterImage image) {
        OfflineReplicas lost = offlineReplicas.get(broker);
        return lost != null && lost.partitions().contains(tp) && image.brokers().get(broker) != null
                && image.brokers().get(broker).epoch() == lost.brokerEpoch();
    }

    /**
     * Gives every partition of the topic that has no state yet its first leader and ISR, in one batch. Only when
     * the topic in ZooKeeper is still the one of the image: after a delete and re-create of the same name, a
     * stale image would otherwise give the new topic partition states made from the old one's assignment. Only
     * this thread deletes topics, so the topic read here cannot be replaced before the states are written.
     */
    private void createNewPartitions(TopicInfo topic, ClusterImage image) throws Exception {
        Map<TopicPartition, PartitionState> initial = new java.util.LinkedHashMap<>();
        for (Map.Entry<Integer, List<Integer>> entry : topic.assignment().entrySet()) {
            TopicPartition tp = new TopicPartition(topic.name(), entry.getKey());
            PartitionState start = image.partition(tp) == null ? LeaderElection.initial(entry.getValue(), image, epoch) : null;
            if (start != null) {
                initial.put(tp, start);
            }
        }
        if (initial.isEmpty() || !zk.topicId(topic.name()).equals(Optional.of(topic.topicId()))) {
            return;
        }
        if (zk.createPartitionStates(initial, epochZkVersion)) {
            return;
        }
        for (Map.Entry<TopicPartition, PartitionState> entry : initial.entrySet()) {
            zk.createPartitionState(entry.getKey(), entry.getValue(), epochZkVersion);
        }
    }

    private void write(TopicPartition tp, PartitionState before, PartitionState after) throws Exception {
        if (zk.updatePartitionState(tp, after, epochZkVersion) < 0) {
            log.debug("Partition {} state changed concurrently; the next image will retry", tp);
            return;
        }
        StateChangeLog.LOG.info("Controller {} epoch {}: partition {} leader {} -> {} (leader epoch {}), ISR {}",
                brokerId, epoch, tp, before.leader(), after.leader(),
                after.leaderEpoch(), after.isr());
    }

    private void rebalanceLeaders() {
        if (!active) {
            return;
        }
        try {
            ClusterImage image = currentImage.get();
            for (TopicInfo topic : image.topics().values()) {
                for (Map.Entry<Integer, List<Integer>> entry : topic.assignment().entrySet()) {
                    TopicPartition tp = new TopicPartition(topic.name(), entry.getKey());
                    PartitionState state = image.partition(tp);
                    PartitionState next = state == null ? null : LeaderElection.preferred(state, entry.getValue(), image, epoch);
                    if (next != null) {
                        write(tp, state, next);
                    }
                }
            }
        } catch (Exception e) {
            log.warn("Preferred leader election failed", e);
        }
    }

    /**
     * Moves leadership of every partition led by {@code leaving} to another ISR member and takes it
     * out of all ISRs (controlled shutdown). Completes, on the controller thread, with the partitions
     * it still leads because no other replica is in sync; fails if this broker is not the controller.
     */
    public CompletableFuture<List<TopicPartition>> moveLeadershipAway(int leaving) {
        CompletableFuture<List<TopicPartition>> result = new CompletableFuture<>();
        submit(() -> {
            if (!active) {
                result.completeExceptionally(new IllegalStateException("Broker " + brokerId + " is not the controller"));
                return;
            }
            try {
                result.complete(moveLeadershipAwayNow(leaving));
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private List<TopicPartition> moveLeadershipAwayNow(int leaving) throws Exception {
        ClusterImage image = currentImage.get();
        List<TopicPartition> remaining = new ArrayList<>();
        for (TopicInfo topic : image.topics().values()) {
            for (Map.Entry<Integer, List<Integer>> entry : topic.assignment().entrySet()) {
                TopicPartition tp = new TopicPartition(topic.name(), entry.getKey());
                PartitionState state = image.partition(tp);
                if (state == null || !entry.getValue().contains(leaving)) {
                    continue;
                }
                PartitionState next = LeaderElection.withoutLeavingBroker(state, entry.getValue(), image, leaving, epoch);
                if (next != null && zk.updatePartitionState(tp, next, epochZkVersion) >= 0) {
                    StateChangeLog.LOG.info("Controlled shutdown of {}: {} leader {} -> {} (epoch {}), ISR {}", leaving, tp,
                            state.leader(), next.leader(), next.leaderEpoch(), next.isr());
                } else if (state.leader() == leaving) {
                    remaining.add(tp);
                }
            }
        }
        log.info("Controlled shutdown of broker {}: {} partitions still led by it", leaving, remaining.size());
        return remaining;
    }

    /** Runs a task in the next {@code doWork} (e.g. controlled shutdown requests); any thread. */
    public void submit(Runnable task) {
        commands.add(task);
        wakeup.run();
    }

    public int epoch() {
        return epoch;
    }

    public int epochZkVersion() {
        return epochZkVersion;
    }

    /** After its runner stopped: later failures are the broker stopping, not worth retrying. */
    @Override
    public void close() {
        closed = true;
    }
}
