package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.EmbeddedBroker;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requirement documents' producer: five JSON orders keyed by order id to a 3-partition topic, sent
 * asynchronously with a callback printing topic/partition/offset. Once as the unmodified 2.4.1 program in a child
 * JVM (class path target/kafka-2.4.1), once with kafka-clients 4.2.0 in this JVM (idempotent by default).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequirementsProducerProgramTest {

    private static final Pattern CALLBACK_LINE = Pattern.compile("topic-(\\S+)\\|partition-(\\d+)\\|offset-(\\d+)");

    private static EmbeddedBroker broker;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(Map.of());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void kafka241ProgramSendsFiveOrdersThatAConsumerReadsBackWithTheirKeysPartitionsAndOffsets() throws Exception {
        Clients.createTopic(broker.bootstrapServers(), "orders-241", 3);
        Path out = tmp.resolve("program.out");
        Process program = new ProcessBuilder(javaBinary(), "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8",
                "-Dsun.stderr.encoding=UTF-8", "-cp", kafka241ClassPath(),
                "io.tributary.compat.kafka241.MsgProducer", broker.bootstrapServers(), "orders-241")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(program.waitFor(45, TimeUnit.SECONDS)).as("program finished").isTrue();
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(program.exitValue()).as(printed).isZero();

        Set<String> printedPositions = new HashSet<>();
        Matcher m = CALLBACK_LINE.matcher(printed);
        while (m.find()) {
            assertThat(m.group(1)).isEqualTo("orders-241");
            printedPositions.add(m.group(2) + "/" + m.group(3));
        }
        assertThat(printedPositions).as(printed).hasSize(5);
        assertReadBack("orders-241", printedPositions);
    }

    @Test
    void kafka420IdempotentProducerSendsFiveOrdersThatAConsumerReadsBack() throws Exception {
        Clients.createTopic(broker.bootstrapServers(), "orders-420", 3);
        Set<String> acked = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(5);
        try (KafkaProducer<String, String> producer = Clients.stringProducer(broker.bootstrapServers(), Map.of())) {
            for (int i = 1; i <= 5; i++) {
                producer.send(new ProducerRecord<>("orders-420", String.valueOf(i), orderJson(i)), (metadata, exception) -> {
                    if (exception != null) {
                        failures.add(exception);
                    } else {
                        acked.add(metadata.partition() + "/" + metadata.offset());
                    }
                    done.countDown();
                });
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(failures).isEmpty();
        assertThat(acked).hasSize(5);
        assertReadBack("orders-420", acked);
    }

    /** All five orders are there, each at the position its callback reported and in the partition its key hashes to. */
    private static void assertReadBack(String topic, Set<String> acknowledgedPositions) {
        List<ConsumerRecord<String, String>> records =
                Clients.readAllStrings(broker.bootstrapServers(), topic, 3, Duration.ofSeconds(20));
        assertThat(records).hasSize(5);
        assertThat(records.stream().map(ConsumerRecord::key).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("1", "2", "3", "4", "5");
        List<String> consumedPositions = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            int id = Integer.parseInt(record.key());
            assertThat(record.value()).isEqualTo(orderJson(id));
            int expectedPartition = Utils.toPositive(Utils.murmur2(record.key().getBytes(StandardCharsets.UTF_8))) % 3;
            assertThat(record.partition()).as("partition of key %s", record.key()).isEqualTo(expectedPartition);
            consumedPositions.add(record.partition() + "/" + record.offset());
        }
        assertThat(consumedPositions).containsExactlyInAnyOrderElementsOf(acknowledgedPositions);
    }

    private static String orderJson(int id) {
        return "{\"orderAmount\":1000.0,\"orderId\":" + id + ",\"productId\":" + (100 + id) + ",\"productNum\":1}";
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String kafka241ClassPath() throws Exception {
        Path dir = Path.of(System.getProperty("kafka241.dir", "target/kafka-2.4.1"));
        try (var jars = Files.list(dir)) {
            List<String> entries = jars.map(Path::toString).filter(p -> p.endsWith(".jar")).sorted().toList();
            assertThat(entries).as("jars in %s (copied by the build)", dir).hasSize(6);
            return String.join(File.pathSeparator, entries);
        }
    }
}
