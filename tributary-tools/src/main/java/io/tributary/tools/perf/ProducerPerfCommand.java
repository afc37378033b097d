package io.tributary.tools.perf;

import io.tributary.common.Time;
import io.tributary.tools.BrokerReachability;
import io.tributary.tools.ClientConfigs;
import io.tributary.tools.ErrorMessages;
import io.tributary.tools.KafkaTool;
import io.tributary.tools.ToolException;
import io.tributary.tools.ToolIo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary producer-perf-test}: sends {@code --num-records} records of {@code --record-size} random
 * uppercase letters at up to {@code --throughput} records/s and prints Kafka's window and total lines.
 */
@Command(name = "producer-perf-test", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure producer throughput and latency.")
public final class ProducerPerfCommand extends KafkaTool {

    @Option(names = "--topic", required = true, paramLabel = "<topic>", description = "Topic to produce to.")
    String topic;

    @Option(names = "--num-records", required = true, paramLabel = "<n>", description = "Number of records to send.")
    long numRecords;

    @Option(names = "--record-size", required = true, paramLabel = "<bytes>", description = "Size of each record.")
    int recordSize;

    @Option(names = "--throughput", required = true, paramLabel = "<records/s>",
            description = "Throttle to this many records per second; -1 for no limit.")
    double throughput;

    @Option(names = "--producer-props", arity = "1..*", paramLabel = "<name=value>",
            description = "Producer configs, e.g. bootstrap.servers=127.0.0.1:9092 acks=all.")
    Map<String, String> producerProps = new LinkedHashMap<>();

    @Option(names = "--producer.config", paramLabel = "<file>", description = "Producer config properties file.")
    Path producerConfig;

    @Option(names = "--bootstrap-server", paramLabel = "<host:port>",
            description = "Broker(s) to connect to (instead of bootstrap.servers in the producer props).")
    String bootstrapServer;

    @Option(names = "--reporting-interval", paramLabel = "<ms>", defaultValue = "5000",
            description = "Interval between window lines (default ${DEFAULT-VALUE}).")
    long reportingIntervalMs;

    private String bootstrap;

    public ProducerPerfCommand(ToolIo io) {
        super(io);
    }

    @Override
    protected String target() {
        return bootstrap;
    }

    @Override
    protected int run() throws Exception {
        if (numRecords <= 0 || recordSize <= 0) {
            throw new ToolException("--num-records and --record-size must be positive");
        }
        Properties props = ClientConfigs.load(producerConfig);
        props.putAll(producerProps);
        if (bootstrapServer != null) {
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer);
        }
        bootstrap = props.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (bootstrap == null) {
            throw new ToolException("no broker given: use --bootstrap-server or --producer-props bootstrap.servers=...");
        }
        BrokerReachability.require(bootstrap, props);
        byte[] payload = payload(recordSize, new Random());
        Time time = Time.SYSTEM;
        ProducerStats stats = new ProducerStats(numRecords, time.milliseconds(), reportingIntervalMs, io.out());
        AtomicReference<Exception> firstError = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            Throttle throttle = new Throttle(throughput, time);
            for (long i = 0; i < numRecords && firstError.get() == null; i++) {
                throttle.await(i);
                long sendMs = time.milliseconds();
                long iteration = i;
                producer.send(new ProducerRecord<>(topic, payload), (metadata, error) -> {
                    if (error != null) {
                        firstError.compareAndSet(null, error);
                        return;
                    }
                    long now = time.milliseconds();
                    stats.record(iteration, (int) (now - sendMs), payload.length, now);
                });
            }
            producer.flush();
        }
        if (firstError.get() != null) {
            throw new ToolException("send failed: " + ErrorMessages.oneLine(firstError.get(), bootstrap));
        }
        io.out().print(stats.totalLine(time.milliseconds()));
        return 0;
    }

    /** Random uppercase letters, like Kafka's tool, so compression behaves as it does there. */
    static byte[] payload(int size, Random random) {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) ('A' + random.nextInt(26));
        }
        return payload;
    }
}
