package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.ChildProcessBroker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A broker in its own JVM is killed with SIGKILL while an idempotent acks=all producer streams records at it, then
 * restarted on the same directories and port. Every record the producer saw acknowledged must be there exactly once,
 * at its acknowledged offset, and each partition must hold the producer's records in the order they were sent.
 */
class CrashSafetyTest {

    private static final String TOPIC = "crash";
    private static final int PARTITIONS = 3;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sigkillDuringIdempotentAcksAllStreamLosesAndDuplicatesNoAcknowledgedRecord() throws Exception {
        try (ChildProcessBroker broker = ChildProcessBroker.start(Map.of())) {
            Clients.createTopic(broker.bootstrapServers(), TOPIC, PARTITIONS);
            Map<Long, String> acknowledged = new ConcurrentHashMap<>();
            AtomicInteger failed = new AtomicInteger();
            AtomicLong sent = new AtomicLong();
            Map<String, Object> config = Map.of(
                    "acks", "all", "enable.idempotence", "true", "retries", Integer.MAX_VALUE,
                    "delivery.timeout.ms", 90_000, "request.timeout.ms", 5_000, "linger.ms", 2,
                    "reconnect.backoff.max.ms", 200, "retry.backoff.max.ms", 200);
            try (KafkaProducer<String, String> producer = Clients.stringProducer(broker.bootstrapServers(), config)) {
                Thread stream = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        long seq = sent.getAndIncrement();
                        producer.send(new ProducerRecord<>(TOPIC, "k" + (seq % 64), Long.toString(seq)), (md, e) -> {
                            if (e != null) {
                                failed.incrementAndGet();
                            } else {
                                acknowledged.put(seq, md.partition() + "/" + md.offset());
                            }
                        });
                        if (seq % 100 == 0) {
                            sleepQuietly(5);
                        }
                    }
                }, "produce-stream");
                stream.start();
                awaitAtLeast(acknowledged, 3_000, Duration.ofSeconds(30));
                broker.kill();
                int ackedAtKill = acknowledged.size();
                broker.restart();
                awaitAtLeast(acknowledged, ackedAtKill + 3_000, Duration.ofSeconds(60));
                stream.interrupt();
                stream.join(10_000);
                producer.flush();
            }

            List<ConsumerRecord<String, String>> records =
                    Clients.readAllStrings(broker.bootstrapServers(), TOPIC, PARTITIONS, Duration.ofSeconds(60));
            Map<Long, String> consumedAt = new HashMap<>();
            Map<Integer, Long> lastSeqPerPartition = new HashMap<>();
            int duplicates = 0;
            int outOfOrder = 0;
            for (ConsumerRecord<String, String> record : records) {
                long seq = Long.parseLong(record.value());
                if (consumedAt.put(seq, record.partition() + "/" + record.offset()) != null) {
                    duplicates++;
                }
                Long previous = lastSeqPerPartition.put(record.partition(), seq);
                if (previous != null && previous >= seq) {
                    outOfOrder++;
                }
            }
            int missing = 0;
            int misplaced = 0;
            for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
                String at = consumedAt.get(ack.getKey());
                if (at == null) {
                    missing++;
                } else if (!at.equals(ack.getValue())) {
                    misplaced++;
                }
            }
            String counts = String.format("sent=%d acknowledged=%d failed=%d consumed=%d duplicates=%d missing=%d "
                    + "misplaced=%d outOfOrder=%d", sent.get(), acknowledged.size(), failed.get(), records.size(),
                    duplicates, missing, misplaced, outOfOrder);
            System.out.println("crash safety: " + counts);
            assertThat(failed.get()).as(counts).isZero();
            assertThat(missing).as(counts).isZero();
            assertThat(duplicates).as(counts).isZero();
            assertThat(misplaced).as(counts).isZero();
            assertThat(outOfOrder).as(counts).isZero();
        }
    }

    private static void awaitAtLeast(Map<Long, String> acknowledged, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + acknowledged.size() + " of " + count + " records acknowledged in " + timeout);
            }
            sleepQuietly(20);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
