package io.tributary.broker.replica;

import io.tributary.broker.cluster.ControlPlaneStore;
import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.metadata.StateChangeLog;
import io.tributary.broker.worker.PollWorker;
import io.tributary.common.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's side of ISR membership, as in Kafka 2.x before AlterIsr: every
 * {@code replica.lag.time.max.ms / 2} it drops followers that have not caught up within the lag
 * time from the ISR of each partition it leads, and it adds a follower back as soon as a fetch
 * shows it reached the high watermark. The change is written by the leader itself into the
 * partition's state znode with a conditional update on the znode's version, and only while the
 * znode still names this broker leader at the partition's epoch, so a deposed leader or a
 * concurrent controller write wins and this broker re-reads and retries. The partition adopts
 * the new ISR only after the write succeeded; every other broker sees it through its watch.
 *
 * <p>Threading: owns no thread. All ZooKeeper writes run in {@link #doWork}, called by one runner
 * (the broker's "isr-manager" {@link io.tributary.broker.worker.WorkerThread}, or the simulation);
 * request handlers only enqueue expansion requests, never block on ZooKeeper.
 */
public final class IsrManager implements PollWorker {

    private static final Logger log = LoggerFactory.getLogger(IsrManager.class);
    private static final int MAX_ATTEMPTS = 5;

    private final int localBrokerId;
    private final ReplicaManager replicas;
    private final ControlPlaneStore zk;
    private final long maxLagMs;
    private final long shrinkIntervalMs;
    private final Set<String> pendingExpansions = ConcurrentHashMap.newKeySet();
    private final IsrChangeListener listener;
    private final ConcurrentLinkedQueue<Runnable> expansions = new ConcurrentLinkedQueue<>();
    private volatile Runnable wakeup = () -> { };
    private long nextShrinkMs = -1;

    /** Told of each ISR change this broker wrote (Kafka's IsrShrinksPerSec and IsrExpandsPerSec count them). */
    public interface IsrChangeListener {
        IsrChangeListener NONE = (tp, before, after) -> { };

        void onIsrChanged(TopicPartition tp, int sizeBefore, int sizeAfter);
    }

    public IsrManager(int localBrokerId, ReplicaManager replicas, ControlPlaneStore zk, long maxLagMs) {
        this(localBrokerId, replicas, zk, maxLagMs, IsrChangeListener.NONE);
    }

    public IsrManager(int localBrokerId, ReplicaManager replicas, ControlPlaneStore zk, long maxLagMs,
                      IsrChangeListener listener) {
        this.listener = listener;
        this.localBrokerId = localBrokerId;
        this.replicas = replicas;
        this.zk = zk;
        this.maxLagMs = maxLagMs;
        this.shrinkIntervalMs = Math.max(1, maxLagMs / 2);
    }

    /** From a follower fetch: record progress; if the follower caught up, queue its addition to the ISR. */
    public void onFollowerFetch(int followerId, Partition partition, long fetchOffset) {
        if (partition.recordFollowerFetch(followerId, fetchOffset)) {
            String key = partition.topicPartition() + "/" + followerId;
            if (pendingExpansions.add(key)) {
                expansions.add(() -> {
                    pendingExpansions.remove(key);
                    change(partition, List.of(followerId), List.of());
                });
                wakeup.run();
            }
        }
    }

    @Override
    public void doWork(long nowMs) {
        Runnable expansion;
        while ((expansion = expansions.poll()) != null) {
            expansion.run();
        }
        if (nextShrinkMs < 0) {
            nextShrinkMs = nowMs + shrinkIntervalMs;
        } else if (nowMs >= nextShrinkMs) {
            nextShrinkMs = nowMs + shrinkIntervalMs;
            shrinkLaggingIsrs();
        }
    }

    @Override
    public long nextWakeupMs(long nowMs) {
        return !expansions.isEmpty() || nextShrinkMs < 0 ? nowMs : nextShrinkMs;
    }

    @Override
    public void setWakeup(Runnable wakeup) {
        this.wakeup = wakeup;
    }

    private void shrinkLaggingIsrs() {
        try {
            replicas.forEachLeader(partition -> {
                List<Integer> lagging = partition.laggingIsrMembers(maxLagMs);
                if (!lagging.isEmpty()) {
                    change(partition, List.of(), lagging);
                }
            });
        } catch (RuntimeException e) {
            log.warn("ISR expiration pass failed", e);
        }
    }

    /** Writes ISR + added - removed for a partition this broker leads; re-reads and retries on a conflict. */
    private void change(Partition partition, List<Integer> candidates, List<Integer> remove) {
        TopicPartition tp = partition.topicPartition();
        List<Integer> add = new ArrayList<>();
        for (int id : candidates) {
            if (partition.beginIsrJoin(id)) {
                add.add(id);
            }
        }
        if (add.isEmpty() && remove.isEmpty()) {
            return;
        }
        try {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                PartitionState current = zk.readPartitionState(tp);
                if (current == null || current.leader() != localBrokerId || current.leaderEpoch() != partition.leaderEpoch()
                        || !partition.isLeader()) {
                    return;
                }
                List<Integer> isr = new ArrayList<>(current.isr());
                isr.removeAll(remove);
                for (int id : add) {
                    if (!isr.contains(id) && partition.replicas().contains(id)) {
                        isr.add(id);
                    }
                }
                if (isr.equals(current.isr())) {
                    partition.updateIsr(isr);
                    return;
                }
                if (zk.updatePartitionState(tp, current.withIsr(isr), -1) >= 0) {
                    StateChangeLog.LOG.info("Broker {}: {} ISR {} -> {}", localBrokerId, tp, current.isr(), isr);
                    partition.updateIsr(isr);
                    listener.onIsrChanged(tp, current.isr().size(), isr.size());
                    return;
                }
            }
            log.info("{}: ISR change lost {} times to concurrent writers; the next pass will retry", tp, MAX_ATTEMPTS);
        } catch (Exception e) {
            log.warn("Could not change the ISR of {}", tp, e);
        } finally {
            add.forEach(partition::abortIsrJoin);
        }
    }
}
