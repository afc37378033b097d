package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.ChildProcessCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three child-process brokers, a topic with three replicas and {@code min.insync.replicas=2}, a producer streaming
 * numbered records and a consumer group reading them, while brokers are SIGKILLed, frozen with SIGSTOP past the
 * ZooKeeper session timeout and resumed, and restarted, one fault per round. At the end every acknowledged record
 * must be in the log exactly once, in send order within its partition, and the group must have seen it.
 *
 * <p>Slow (minutes), so it runs only with {@code -Pfaults}; the acks=1 run is for comparison and asserts nothing
 * about loss, it reports it.
 */
@Tag("faults")
class ClusterFaultTest {

    private static final String TOPIC = "faults";
    private static final int PARTITIONS = 3;
    private static final Set<Integer> ALL = Set.of(0, 1, 2);
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final long PAUSE_MS = 9_000;
    private static final long DOWN_MS = 3_000;

    /** The faults, one per round, in this order; each hits whichever broker the name says at that moment. */
    private enum Fault { KILL_LEADER, PAUSE_LEADER, KILL_FOLLOWER, PAUSE_FOLLOWER, KILL_LEADER_AGAIN, PAUSE_LEADER_AGAIN }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void idempotentAcksAllLosesDuplicatesAndReordersNothingAcknowledgedUnderKillsAndPauses() throws Exception {
        Counts counts = runWithFaults(Map.of("acks", "all", "enable.idempotence", "true"));
        System.out.println("faults, acks=all idempotent: " + counts);
        assertThat(counts.failed).as(counts.toString()).isZero();
        assertThat(counts.lost).as(counts.toString()).isZero();
        assertThat(counts.duplicatedInLog).as(counts.toString()).isZero();
        assertThat(counts.misplaced).as(counts.toString()).isZero();
        assertThat(counts.outOfOrder).as(counts.toString()).isZero();
        assertThat(counts.groupMissing).as(counts.toString()).isZero();
        assertThat(counts.acknowledged).as(counts.toString()).isPositive();
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void acksOneUnderTheSameFaultsForComparison() throws Exception {
        Counts counts = runWithFaults(Map.of("acks", "1", "enable.idempotence", "false"));
        System.out.println("faults, acks=1: " + counts);
        assertThat(counts.acknowledged).as(counts.toString()).isPositive();
    }

    private Counts runWithFaults(Map<String, Object> producerMode) throws Exception {
        try (ChildProcessCluster cluster = ChildProcessCluster.start(3, Map.of("min.insync.replicas", "2"))) {
            String bootstrap = cluster.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 3))).all().get(30, TimeUnit.SECONDS);
            }
            awaitFullIsr(cluster);

            Map<Long, String> acknowledged = new ConcurrentHashMap<>();
            AtomicLong failed = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            GroupReader group = new GroupReader(bootstrap);
            Map<String, Object> config = new HashMap<>(Map.of(
                    "retries", Integer.MAX_VALUE, "delivery.timeout.ms", 120_000, "request.timeout.ms", 5_000,
                    "linger.ms", 5, "max.in.flight.requests.per.connection", 5,
                    "reconnect.backoff.max.ms", 500, "retry.backoff.max.ms", 500, "metadata.max.age.ms", 2_000));
            config.putAll(producerMode);
            AtomicLong sent = new AtomicLong();
            try (KafkaProducer<String, String> producer = Clients.stringProducer(bootstrap, config)) {
                Thread stream = new Thread(() -> produce(producer, sent, acknowledged, failed, running), "fault-producer");
                Thread reader = new Thread(group, "fault-group-reader");
                stream.start();
                reader.start();
                ChildProcessCluster.await("first acknowledgements", Duration.ofSeconds(30), () -> acknowledged.size() > 500);
                for (Fault fault : Fault.values()) {
                    inject(cluster, fault);
                    awaitFullIsr(cluster);
                    long ackedBefore = acknowledged.size();
                    ChildProcessCluster.await("progress after " + fault, SETTLE, () -> acknowledged.size() > ackedBefore + 200);
                }
                running.set(false);
                stream.join(10_000);
                producer.flush();
            }
            awaitHighWatermarksCover(bootstrap, acknowledged);
            List<ConsumerRecord<String, String>> log = Clients.readAllStrings(bootstrap, TOPIC, PARTITIONS, Duration.ofSeconds(60));
            Set<Long> acked = Set.copyOf(acknowledged.keySet());
            group.finishReading(acked, Duration.ofSeconds(60));
            return Counts.of(sent.get(), acknowledged, failed.get(), log, group);
        }
    }

    private static void produce(KafkaProducer<String, String> producer, AtomicLong sent, Map<Long, String> acknowledged,
                                AtomicLong failed, AtomicBoolean running) {
        while (running.get()) {
            long seq = sent.getAndIncrement();
            producer.send(new ProducerRecord<>(TOPIC, "k" + (seq % 64), Long.toString(seq)), (md, e) -> {
                if (e == null) {
                    acknowledged.put(seq, md.partition() + "/" + md.offset());
                } else {
                    failed.incrementAndGet();
                }
            });
            if (seq % 50 == 0) {
                sleep(10);
            }
        }
    }

    private static void inject(ChildProcessCluster cluster, Fault fault) {
        int leader = cluster.awaitLeader(TOPIC, 0, id -> true, SETTLE);
        int follower = ALL.stream().filter(id -> id != leader).findFirst().orElseThrow();
        int target = fault.name().contains("LEADER") ? leader : follower;
        System.out.println("fault " + fault + " on broker " + target);
        if (fault.name().startsWith("KILL")) {
            cluster.kill(target);
            sleep(DOWN_MS);
            cluster.restart(target);
        } else {
            cluster.pause(target);
            sleep(PAUSE_MS);
            cluster.resume(target);
        }
    }

    /**
     * With acks=1 a record is acknowledged before the followers have it, so right after the last send the high
     * watermark (the end a reader sees) can trail the acknowledged offsets. Waits (bounded) until every
     * partition's high watermark passes its highest acknowledged offset, or stops moving; prints both either way,
     * so a record reported lost is really gone, not just not yet committed.
     */
    private static void awaitHighWatermarksCover(String bootstrap, Map<Long, String> acknowledged) {
        Map<Integer, Long> maxAcked = new HashMap<>();
        for (String at : acknowledged.values()) {
            String[] partitionAndOffset = at.split("/");
            maxAcked.merge(Integer.parseInt(partitionAndOffset[0]), Long.parseLong(partitionAndOffset[1]), Math::max);
        }
        Map<String, Object> c = Map.of("bootstrap.servers", bootstrap,
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(TOPIC, p));
        }
        Map<TopicPartition, Long> ends = Map.of();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long unchangedSince = System.nanoTime();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, Long> now = consumer.endOffsets(partitions, Duration.ofSeconds(10));
                if (!now.equals(ends)) {
                    unchangedSince = System.nanoTime();
                    ends = now;
                }
                boolean covered = now.entrySet().stream()
                        .allMatch(e -> e.getValue() > maxAcked.getOrDefault(e.getKey().partition(), -1L));
                if (covered || System.nanoTime() - unchangedSince > TimeUnit.SECONDS.toNanos(10)) {
                    break;
                }
                sleep(500);
            }
        }
        System.out.println("high watermarks " + ends + "; highest acknowledged offsets " + maxAcked);
    }

    private static void awaitFullIsr(ChildProcessCluster cluster) {
        for (int p = 0; p < PARTITIONS; p++) {
            cluster.awaitIsr(TOPIC, p, ALL, SETTLE);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A consumer-group member reading the topic until told to stop; counts how often it saw each record. */
    private static final class GroupReader implements Runnable {

        private final String bootstrap;
        private final Map<Long, Integer> seen = new ConcurrentHashMap<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private volatile Throwable error;

        GroupReader(String bootstrap) {
            this.bootstrap = bootstrap;
        }

        @Override
        public void run() {
            Map<String, Object> c = Map.of("bootstrap.servers", bootstrap, "group.id", "fault-readers",
                    "key.deserializer", StringDeserializer.class.getName(),
                    "value.deserializer", StringDeserializer.class.getName(),
                    "auto.offset.reset", "earliest", "enable.auto.commit", "true", "auto.commit.interval.ms", 500,
                    "session.timeout.ms", 10_000, "request.timeout.ms", 5_000, "default.api.timeout.ms", 10_000);
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
                consumer.subscribe(List.of(TOPIC));
                while (!stop.get()) {
                    try {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                            seen.merge(Long.parseLong(r.value()), 1, Integer::sum);
                        }
                    } catch (RetriableException | CommitFailedException e) {
                        // A coordinator or leader moved under us; the next poll rejoins or retries.
                    }
                }
            } catch (Throwable t) {
                error = t;
            }
        }

        /** Waits (bounded) until every acknowledged record has been seen, then stops the member. */
        void finishReading(Set<Long> acked, Duration timeout) {
            try {
                ChildProcessCluster.await("the group to read every acknowledged record", timeout,
                        () -> error != null || seen.keySet().containsAll(acked));
            } catch (AssertionError e) {
                // Reported as groupMissing below.
            } finally {
                stop.set(true);
            }
        }
    }

    /** What one run produced, acknowledged, stored and consumed. */
    private record Counts(long sent, long acknowledged, long failed, long inLog, long lost, long misplaced,
                          long duplicatedInLog, long outOfOrder, long groupConsumed, long groupRedelivered,
                          long groupMissing, String groupError) {

        static Counts of(long sent, Map<Long, String> acknowledged, long failed, List<ConsumerRecord<String, String>> log,
                         GroupReader group) {
            Map<Long, String> storedAt = new HashMap<>();
            Map<Integer, Long> lastPerPartition = new HashMap<>();
            long duplicated = 0;
            long outOfOrder = 0;
            for (ConsumerRecord<String, String> r : log) {
                long seq = Long.parseLong(r.value());
                if (storedAt.put(seq, r.partition() + "/" + r.offset()) != null) {
                    duplicated++;
                }
                Long previous = lastPerPartition.put(r.partition(), seq);
                if (previous != null && previous >= seq) {
                    outOfOrder++;
                }
            }
            long lost = 0;
            long misplaced = 0;
            for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
                String at = storedAt.get(ack.getKey());
                if (at == null) {
                    if (lost < 5 || lost % 1000 == 0) {
                        System.out.println("lost: record " + ack.getKey() + " acknowledged at " + ack.getValue()
                                + (group.seen.containsKey(ack.getKey()) ? ", seen by the group" : ", not seen by the group"));
                    }
                    lost++;
                } else if (!at.equals(ack.getValue())) {
                    misplaced++;
                }
            }
            long consumed = group.seen.values().stream().mapToLong(Integer::longValue).sum();
            long redelivered = consumed - group.seen.size();
            Set<Long> missing = new HashSet<>(acknowledged.keySet());
            missing.removeAll(group.seen.keySet());
            return new Counts(sent, acknowledged.size(), failed, log.size(), lost, misplaced, duplicated, outOfOrder,
                    consumed, redelivered, missing.size(), String.valueOf(group.error));
        }
    }
}
