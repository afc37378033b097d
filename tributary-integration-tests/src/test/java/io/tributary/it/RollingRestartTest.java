package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.ChildProcessCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rolling restart: each of three child-process brokers in turn gets SIGTERM (controlled shutdown hands its
 * leaderships to in-sync replicas first), exits cleanly, comes back and rejoins every ISR, while an idempotent
 * acks=all producer keeps streaming. The producer must keep being acknowledged while each broker is down, and
 * every acknowledged record must be in the log exactly once at its acknowledged offset.
 */
class RollingRestartTest {

    private static final String TOPIC = "rolling";
    private static final int PARTITIONS = 3;
    private static final Set<Integer> ALL = Set.of(0, 1, 2);
    private static final Duration SETTLE = Duration.ofSeconds(60);

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void sigtermOfEachBrokerInTurnKeepsTheProducerRunningAndLosesNothing() throws Exception {
        try (ChildProcessCluster cluster = ChildProcessCluster.start(3, Map.of("min.insync.replicas", "2"))) {
            String bootstrap = cluster.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 3))).all().get(30, TimeUnit.SECONDS);
            }
            awaitFullIsr(cluster);
            Map<Long, String> acknowledged = new ConcurrentHashMap<>();
            AtomicLong failed = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            Map<String, Object> config = Map.of("acks", "all", "enable.idempotence", "true",
                    "retries", Integer.MAX_VALUE, "delivery.timeout.ms", 120_000, "request.timeout.ms", 5_000,
                    "linger.ms", 5, "reconnect.backoff.max.ms", 200, "retry.backoff.max.ms", 200);
            try (KafkaProducer<String, String> producer = Clients.stringProducer(bootstrap, config)) {
                Thread stream = new Thread(() -> {
                    long seq = 0;
                    while (running.get()) {
                        long s = seq++;
                        producer.send(new ProducerRecord<>(TOPIC, "k" + (s % 64), Long.toString(s)), (md, e) -> {
                            if (e == null) {
                                acknowledged.put(s, md.partition() + "/" + md.offset());
                            } else {
                                failed.incrementAndGet();
                            }
                        });
                        if (s % 50 == 0) {
                            sleep(10);
                        }
                    }
                }, "rolling-producer");
                stream.start();
                ChildProcessCluster.await("first acknowledgements", Duration.ofSeconds(30), () -> acknowledged.size() > 500);
                for (int id : ALL) {
                    int exitCode = cluster.stop(id);
                    long ackedWhileDown = acknowledged.size();
                    ChildProcessCluster.await("acknowledgements while broker " + id + " is down", SETTLE,
                            () -> acknowledged.size() > ackedWhileDown + 500);
                    System.out.printf("rolling restart: broker %d exited with %d; %d records acknowledged so far%n",
                            id, exitCode, acknowledged.size());
                    // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited; 137 would mean the SIGKILL fallback.
                    assertThat(exitCode).as("broker %d exit code after SIGTERM", id).isIn(0, 143);
                    cluster.restart(id);
                    awaitFullIsr(cluster);
                }
                running.set(false);
                stream.join(10_000);
                producer.flush();
            }
            List<ConsumerRecord<String, String>> log = Clients.readAllStrings(bootstrap, TOPIC, PARTITIONS, SETTLE);
            Map<Long, String> storedAt = new HashMap<>();
            long duplicated = 0;
            for (ConsumerRecord<String, String> r : log) {
                if (storedAt.put(Long.parseLong(r.value()), r.partition() + "/" + r.offset()) != null) {
                    duplicated++;
                }
            }
            long lost = acknowledged.keySet().stream().filter(seq -> !storedAt.containsKey(seq)).count();
            long misplaced = acknowledged.entrySet().stream()
                    .filter(e -> storedAt.containsKey(e.getKey()) && !storedAt.get(e.getKey()).equals(e.getValue())).count();
            String counts = String.format("acknowledged=%d failed=%d inLog=%d lost=%d duplicated=%d misplaced=%d",
                    acknowledged.size(), failed.get(), log.size(), lost, duplicated, misplaced);
            System.out.println("rolling restart: " + counts);
            assertThat(failed.get()).as(counts).isZero();
            assertThat(lost).as(counts).isZero();
            assertThat(duplicated).as(counts).isZero();
            assertThat(misplaced).as(counts).isZero();
        }
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
}
