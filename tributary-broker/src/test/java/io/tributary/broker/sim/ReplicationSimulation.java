package io.tributary.broker.sim;

import io.tributary.broker.cluster.ClusterStore;
import io.tributary.broker.cluster.ClusterStoreException;
import io.tributary.broker.cluster.InMemoryClusterStore;
import io.tributary.broker.cluster.InMemoryEnsemble;
import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.replica.Partition;
import io.tributary.broker.zk.ZkCodec;
import io.tributary.broker.zk.ZkPaths;
import io.tributary.common.MockTime;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiException;
import io.tributary.protocol.compress.CompressionType;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.storage.LogAppendInfo;
import io.tributary.storage.LogSlice;
import io.tributary.storage.UnifiedLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * One seeded run of replication and election: a few {@link SimBroker}s over one in-memory
 * ZooKeeper and one in-memory router, a single clock, and a sequence of random events, with the
 * invariants of {@link ReplicationSimulationTest} checked after every event. Everything that
 * happens follows from the seed, so a failing run replays exactly.
 *
 * <p>Threading: single-threaded.
 */
final class ReplicationSimulation {

    static final String TOPIC = "sim";
    static final int MIN_INSYNC = 2;

    /** A batch produced with acks=all and not yet answered. */
    private record Pending(TopicPartition tp, SimBroker leader, int incarnation, Partition partition, long firstOffset,
                           long lastOffset, long crc) {
    }

    /** A batch whose acks=all produce succeeded: it must never be lost. */
    private record Acked(TopicPartition tp, long firstOffset, long lastOffset, long crc) {
    }

    private final long seed;
    private final Random random;
    private final MockTime time = new MockTime(1_700_000_000_000L);
    private final InMemoryEnsemble ensemble = new InMemoryEnsemble();
    private final InMemoryReplicaRouter router;
    private final List<SimBroker> brokers = new ArrayList<>();
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final InMemoryClusterStore observer;
    private final List<Pending> pending = new ArrayList<>();
    private final List<Acked> acked = new ArrayList<>();
    private final Map<String, Integer> leaderOfEpoch = new HashMap<>();
    private final Map<UnifiedLog, Long> lastHighWatermark = new IdentityHashMap<>();
    private final Map<Integer, Long> logEndAtDeath = new HashMap<>();
    private final Deque<String> history = new ArrayDeque<>();
    private final Path root;
    private int produced;
    private int events;

    /** What a run did, for the test's summary. */
    record Outcome(int events, int acked, int produced) {
    }

    ReplicationSimulation(long seed, Path root) {
        this.seed = seed;
        this.random = new Random(seed);
        this.root = root;
        this.router = new InMemoryReplicaRouter(random);
        this.observer = ensemble.connect();
    }

    Outcome run(int eventCount) throws IOException {
        int brokerCount = 3 + random.nextInt(2);
        int partitionCount = 1 + random.nextInt(2);
        createLayout(brokerCount, partitionCount);
        for (int id = 0; id < brokerCount; id++) {
            SimBroker broker = new SimBroker(id, Files.createDirectories(root.resolve("broker-" + id)), ensemble, time, router);
            brokers.add(broker);
            broker.start();
        }
        router.setReachable(id -> !brokers.get(id).isPaused(time.hiResMilliseconds()));
        router.setFaults(0.02, 0.05, () -> brokers.forEach(SimBroker::refreshImage));
        try {
            for (int i = 0; i < 20; i++) {
                round(10);
            }
            for (events = 0; events < eventCount; events++) {
                randomEvent();
                round(1 + random.nextInt(60));
                checkInvariants();
            }
            healAndConverge();
            return new Outcome(events, acked.size(), produced);
        } finally {
            for (SimBroker broker : brokers) {
                if (broker.alive) {
                    broker.kill();
                }
            }
        }
    }

    private void createLayout(int brokerCount, int partitionCount) {
        for (String path : ZkPaths.PERSISTENT) {
            createWithParents(path);
        }
        Map<Integer, List<Integer>> assignment = new LinkedHashMap<>();
        for (int p = 0; p < partitionCount; p++) {
            List<Integer> replicas = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                replicas.add((p + r) % brokerCount);
            }
            assignment.put(p, replicas);
            partitions.add(new TopicPartition(TOPIC, p));
        }
        UUID topicId = new UUID(random.nextLong(), random.nextLong());
        observer.create(ZkPaths.topic(TOPIC), ZkCodec.topicAssignment(topicId, assignment), false);
    }

    private void createWithParents(String path) {
        int slash = path.lastIndexOf('/');
        if (slash > 0) {
            createWithParents(path.substring(0, slash));
        }
        if (observer.read(path).isEmpty()) {
            observer.create(path, new byte[0], false);
        }
    }

    /** Every live broker does its work once, in a seeded order, then the clock moves on. */
    private void round(long advanceMs) {
        List<SimBroker> order = new ArrayList<>(brokers);
        Collections.shuffle(order, random);
        for (SimBroker broker : order) {
            broker.step(time.hiResMilliseconds());
        }
        settleProduces();
        time.sleep(advanceMs);
    }

    private void randomEvent() {
        int pick = random.nextInt(100);
        if (pick < 40) {
            produce();
        } else if (pick < 55) {
            note("steps");
            for (int i = 0; i < 5; i++) {
                round(1 + random.nextInt(200));
            }
        } else if (pick < 62) {
            SimBroker broker = randomBroker(true);
            if (broker != null) {
                note("kill " + broker.id);
                recordLogEnds(broker);
                broker.kill();
            }
        } else if (pick < 72) {
            SimBroker broker = randomBroker(false);
            if (broker != null) {
                note("restart " + broker.id);
                broker.start();
            }
        } else if (pick < 77) {
            SimBroker broker = randomBroker(true);
            if (broker != null) {
                long ms = 200 + random.nextInt(3_000);
                note("pause " + broker.id + " for " + ms + " ms");
                broker.pausedUntilMs = time.hiResMilliseconds() + ms;
            }
        } else if (pick < 82) {
            SimBroker broker = randomBroker(true);
            if (broker != null) {
                note("expire session of " + broker.id);
                ensemble.expire(broker.sessionId());
            }
        } else if (pick < 88) {
            int a = random.nextInt(brokers.size());
            int b = random.nextInt(brokers.size());
            if (a != b) {
                note("partition " + a + " | " + b);
                router.partition(a, b);
            }
        } else if (pick < 93) {
            note("heal network");
            router.heal();
        } else if (pick < 97) {
            SimBroker controller = brokers.stream().filter(b -> b.alive && b.controller.isActive()).findFirst().orElse(null);
            if (controller != null) {
                int leaving = random.nextInt(brokers.size());
                note("controller " + controller.id + " moves leadership away from " + leaving);
                controller.controller.moveLeadershipAway(leaving);
            }
        } else {
            note("30 s pass (preferred leader election)");
            time.sleep(30_000);
        }
    }

    private SimBroker randomBroker(boolean alive) {
        List<SimBroker> candidates = brokers.stream().filter(b -> b.alive == alive).toList();
        return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
    }

    private void recordLogEnds(SimBroker broker) {
        for (TopicPartition tp : partitions) {
            broker.partition(tp).ifPresent(p -> logEndAtDeath.put(key(broker.id, tp), p.logEndOffset()));
        }
    }

    private static int key(int brokerId, TopicPartition tp) {
        return brokerId * 1000 + tp.partition() + 1;
    }

    private void produce() {
        TopicPartition tp = partitions.get(random.nextInt(partitions.size()));
        PartitionState state = storeState(tp);
        if (state == null || state.leader() < 0) {
            note("produce " + tp + ": no leader");
            return;
        }
        SimBroker leader = brokers.get(state.leader());
        Partition partition = leader.partition(tp).orElse(null);
        if (partition == null || leader.isPaused(time.hiResMilliseconds())) {
            note("produce " + tp + ": leader " + leader.id + " not serving");
            return;
        }
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE);
        int records = 1 + random.nextInt(3);
        for (int i = 0; i < records; i++) {
            builder.append(time.milliseconds(), null, ("seed-" + seed + "-record-" + produced++).getBytes(StandardCharsets.UTF_8));
        }
        try {
            LogAppendInfo info = partition.appendAsLeader(builder.build(), -1, MIN_INSYNC);
            long crc = batchCrcAt(partition.log(), info.firstOffset());
            pending.add(new Pending(tp, leader, leader.incarnation, partition, info.firstOffset(), info.lastOffset(), crc));
            note("produce " + tp + " to " + leader.id + ": offsets " + info.firstOffset() + ".." + info.lastOffset());
        } catch (ApiException e) {
            note("produce " + tp + " to " + leader.id + ": " + e.getMessage());
        }
    }

    /** Answers parked acks=all produces as DelayedProduce would: success once the HW passed and the ISR is big enough. */
    private void settleProduces() {
        pending.removeIf(p -> {
            boolean sameProcess = p.leader.alive && p.leader.incarnation == p.incarnation;
            if (!sameProcess || !p.partition.isLeader()) {
                return true; // NOT_LEADER_OR_FOLLOWER (or the connection died): not acknowledged
            }
            if (p.partition.highWatermark() > p.lastOffset && p.partition.isr().size() >= MIN_INSYNC) {
                acked.add(new Acked(p.tp, p.firstOffset, p.lastOffset, p.crc));
                return true;
            }
            return false;
        });
    }

    private PartitionState storeState(TopicPartition tp) {
        return observer.read(ZkPaths.partitionState(tp))
                .map(node -> ZkCodec.partitionState(node.data(), node.version())).orElse(null);
    }

    // ---- invariants -------------------------------------------------------------------------------

    /**
     * The acknowledged batches checked after an event: the newest ones (where loss happens: truncation
     * works from the log end) and one older one picked at random. The final check takes all of them.
     */
    private List<Acked> sampleOfAcked() {
        List<Acked> sample = new ArrayList<>(acked.subList(Math.max(0, acked.size() - 8), acked.size()));
        if (acked.size() > 8) {
            sample.add(acked.get(random.nextInt(acked.size() - 8)));
        }
        return sample;
    }

    private void checkInvariants() {
        checkInvariants(false);
    }

    private void checkInvariants(boolean everyAcked) {
        for (TopicPartition tp : partitions) {
            PartitionState state = storeState(tp);
            if (state != null && state.leader() >= 0) {
                checkOneLeaderPerEpoch(tp, state.leaderEpoch(), state.leader(), "the store");
            }
            for (SimBroker broker : brokers) {
                Partition partition = broker.partition(tp).orElse(null);
                if (partition == null) {
                    continue;
                }
                if (partition.isLeader()) {
                    checkOneLeaderPerEpoch(tp, partition.leaderEpoch(), broker.id, "broker " + broker.id);
                }
                Long before = lastHighWatermark.put(partition.log(), partition.highWatermark());
                if (before != null && partition.highWatermark() < before) {
                    fail("the high watermark of " + tp + " on broker " + broker.id + " went back from " + before + " to "
                            + partition.highWatermark());
                }
                for (Acked batch : sampleOfAcked()) {
                    if (batch.tp.equals(tp) && partition.highWatermark() > batch.lastOffset) {
                        checkHasBatch(broker, partition, batch, "a replica whose high watermark is past it");
                    }
                }
            }
            if (state != null && state.leader() >= 0) {
                SimBroker leader = brokers.get(state.leader());
                Partition partition = leader.partition(tp).orElse(null);
                if (partition != null && partition.isLeader() && partition.leaderEpoch() == state.leaderEpoch()) {
                    for (Acked batch : everyAcked ? acked : sampleOfAcked()) {
                        if (batch.tp.equals(tp)) {
                            checkHasBatch(leader, partition, batch, "the leader at epoch " + state.leaderEpoch());
                        }
                    }
                    checkIsrCaughtUp(tp, state, partition);
                }
            }
        }
    }

    private void checkOneLeaderPerEpoch(TopicPartition tp, int epoch, int leader, String source) {
        Integer before = leaderOfEpoch.putIfAbsent(tp + "@" + epoch, leader);
        if (before != null && before != leader) {
            fail(source + " names broker " + leader + " leader of " + tp + " at epoch " + epoch + ", which broker " + before
                    + " already led");
        }
    }

    private void checkHasBatch(SimBroker broker, Partition partition, Acked batch, String role) {
        UnifiedLog log = partition.log();
        if (log.logEndOffset() <= batch.lastOffset || log.logStartOffset() > batch.firstOffset
                || batchCrcAt(log, batch.firstOffset) != batch.crc) {
            fail("acknowledged batch " + batch.tp + " " + batch.firstOffset + ".." + batch.lastOffset + " is missing from "
                    + role + " (broker " + broker.id + ", log end " + log.logEndOffset() + ")");
        }
    }

    /** Every ISR member the store names has every record below the leader's high watermark. */
    private void checkIsrCaughtUp(TopicPartition tp, PartitionState state, Partition leaderPartition) {
        long highWatermark = leaderPartition.highWatermark();
        for (int member : state.isr()) {
            SimBroker broker = brokers.get(member);
            long end;
            if (broker.alive) {
                Partition replica = broker.partition(tp).orElse(null);
                if (replica == null) {
                    continue; // not yet opened after a restart; its files are what they were at death
                }
                end = replica.logEndOffset();
            } else {
                end = logEndAtDeath.getOrDefault(key(member, tp), Long.MAX_VALUE);
            }
            if (end < highWatermark) {
                fail("the ISR " + state.isr() + " of " + tp + " names broker " + member + " whose log ends at " + end
                        + ", below the leader's high watermark " + highWatermark);
            }
        }
    }

    private void healAndConverge() {
        note("heal everything and converge");
        router.heal();
        router.setFaults(0, 0, () -> { });
        for (SimBroker broker : brokers) {
            if (!broker.alive) {
                broker.start();
            }
            broker.pausedUntilMs = 0;
        }
        for (int i = 0; i < 600; i++) {
            round(50);
            if (i % 10 == 9) {
                checkInvariants();
                if (converged()) {
                    checkInvariants(true);
                    return;
                }
            }
        }
        StringBuilder state = new StringBuilder();
        for (TopicPartition tp : partitions) {
            state.append("\n  ").append(tp).append(" store ").append(storeState(tp));
            for (SimBroker broker : brokers) {
                broker.partition(tp).ifPresent(p -> state.append("\n    broker ").append(broker.id).append(": ").append(p)
                        .append(" leo=").append(p.logEndOffset()).append(" hw=").append(p.highWatermark()));
            }
        }
        fail("followers did not converge to their leaders within 30 s of a healed cluster:" + state);
    }

    /** Every replica holds exactly the leader's batches, and every ISR holds every replica. */
    private boolean converged() {
        for (TopicPartition tp : partitions) {
            PartitionState state = storeState(tp);
            if (state == null || state.leader() < 0 || state.isr().size() != 3) {
                return false;
            }
            Partition leader = brokers.get(state.leader()).partition(tp).orElse(null);
            if (leader == null || !leader.isLeader() || leader.highWatermark() != leader.logEndOffset()) {
                return false;
            }
            List<Long> expected = batchCrcs(leader.log());
            for (int member : leader.replicas()) {
                Partition replica = brokers.get(member).partition(tp).orElse(null);
                if (replica == null || replica.logEndOffset() != leader.logEndOffset()
                        || replica.highWatermark() != leader.highWatermark()) {
                    return false;
                }
                List<Long> actual = batchCrcs(replica.log());
                if (!actual.equals(expected)) {
                    fail("broker " + member + "'s log of " + tp + " has the leader's length but other batches: " + actual
                            + " vs the leader's " + expected);
                }
            }
        }
        return true;
    }

    private static List<Long> batchCrcs(UnifiedLog log) {
        List<Long> crcs = new ArrayList<>();
        long offset = log.logStartOffset();
        while (offset < log.logEndOffset()) {
            ByteBuffer batch = batchAt(log, offset);
            crcs.add(Integer.toUnsignedLong(batch.getInt(17)));
            offset = batch.getLong(0) + batch.getInt(23) + 1;
        }
        return crcs;
    }

    private static long batchCrcAt(UnifiedLog log, long offset) {
        ByteBuffer batch = batchAt(log, offset);
        return batch.getLong(0) == offset ? Integer.toUnsignedLong(batch.getInt(17)) : -1;
    }

    /** The first batch at or after {@code offset}, read from the log's files. */
    private static ByteBuffer batchAt(UnifiedLog log, long offset) {
        LogSlice slice = log.read(offset, 1, log.logEndOffset(), true);
        ByteBuffer header = ByteBuffer.allocate(slice.size());
        try {
            while (header.hasRemaining()) {
                if (slice.channel().read(header, slice.position() + header.position()) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return header.flip();
    }

    private void note(String event) {
        history.addLast("t=" + time.hiResMilliseconds() + " #" + events + " " + event);
        if (history.size() > 40) {
            history.removeFirst();
        }
    }

    private void fail(String violation) {
        throw new AssertionError("seed " + seed + ": " + violation + "\nreplay: -Dsim.seed=" + seed
                + "\nlast events:\n  " + String.join("\n  ", history));
    }
}
