package io.tributary.tools.perf;

import io.tributary.common.Time;
import io.tributary.tools.BrokerReachability;
import io.tributary.tools.ClientConfigs;
import io.tributary.tools.KafkaTool;
import io.tributary.tools.ToolIo;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary consumer-perf-test}: consumes {@code --messages} records (or until nothing arrived for
 * {@code --timeout} ms) and prints Kafka's CSV-style result line.
 */
@Command(name = "consumer-perf-test", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure consumer throughput.")
public final class ConsumerPerfCommand extends KafkaTool {

    @Option(names = {"--bootstrap-server", "--broker-list"}, required = true, paramLabel = "<host:port>",
            description = "Broker(s) to connect to.")
    String bootstrapServer;

    @Option(names = "--topic", required = true, paramLabel = "<topic>", description = "Topic to consume.")
    String topic;

    @Option(names = "--messages", required = true, paramLabel = "<n>", description = "Number of records to consume.")
    long messages;

    @Option(names = "--group", paramLabel = "<group>", description = "Consumer group (default perf-consumer-NNNNN).")
    String group;

    @Option(names = "--timeout", paramLabel = "<ms>", defaultValue = "10000",
            description = "Stop when no record arrived for this long (default ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Option(names = "--fetch-size", paramLabel = "<bytes>", description = "max.partition.fetch.bytes.")
    Integer fetchSize;

    @Option(names = "--from-latest", description = "Start at the end of the log when the group has no offsets.")
    boolean fromLatest;

    @Option(names = "--consumer.config", paramLabel = "<file>", description = "Consumer config properties file.")
    Path consumerConfig;

    @Option(names = "--hide-header", description = "Do not print the header line.")
    boolean hideHeader;

    public ConsumerPerfCommand(ToolIo io) {
        super(io);
    }

    @Override
    protected String target() {
        return bootstrapServer;
    }

    @Override
    protected int run() {
        BrokerReachability.require(bootstrapServer, ClientConfigs.load(consumerConfig));
        Time time = Time.SYSTEM;
        AtomicLong assignedAtMs = new AtomicLong(-1);
        long bytes = 0;
        long count = 0;
        long startMs;
        long endMs;
        boolean timedOut = false;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props())) {
            startMs = time.milliseconds();
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assignedAtMs.compareAndSet(-1, time.milliseconds());
                }
            });
            long lastConsumedMs = time.milliseconds();
            endMs = lastConsumedMs;
            while (count < messages) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                long now = time.milliseconds();
                if (records.isEmpty()) {
                    if (now - lastConsumedMs > timeoutMs) {
                        timedOut = true;
                        break;
                    }
                    continue;
                }
                lastConsumedMs = now;
                endMs = now;
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    count++;
                    bytes += (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
                }
            }
        }
        if (timedOut) {
            io.out().println("WARNING: Exiting before consuming the expected number of messages: timeout ("
                    + timeoutMs + " ms) exceeded. You can use the --timeout option to increase the timeout.");
        }
        long rebalanceMs = assignedAtMs.get() < 0 ? 0 : assignedAtMs.get() - startMs;
        if (!hideHeader) {
            io.out().println(ConsumerPerfReport.HEADER);
        }
        io.out().println(ConsumerPerfReport.line(startMs, endMs, bytes, count, rebalanceMs));
        return 0;
    }

    private Properties props() {
        Properties props = ClientConfigs.load(consumerConfig);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group != null ? group
                : "perf-consumer-" + new SecureRandom().nextInt(100_000));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromLatest ? "latest" : "earliest");
        props.putIfAbsent(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        if (fetchSize != null) {
            props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(fetchSize));
        }
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }
}
