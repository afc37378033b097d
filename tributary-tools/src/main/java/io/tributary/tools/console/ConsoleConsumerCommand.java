package io.tributary.tools.console;

import io.tributary.broker.zk.ZkCodec;
import io.tributary.broker.zk.ZkPaths;
import io.tributary.common.Time;
import io.tributary.tools.BrokerReachability;
import io.tributary.tools.ClientConfigs;
import io.tributary.tools.KafkaTool;
import io.tributary.tools.ToolException;
import io.tributary.tools.ToolIo;
import io.tributary.tools.TopicPattern;
import io.tributary.tools.zk.ZkSession;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary console-consumer}: prints records of a topic (or of all topics matching {@code --include}) to
 * standard output. Starts at the latest offset unless {@code --from-beginning} or a committed group offset says
 * otherwise. Ctrl-C stops it cleanly: offsets of printed records are committed and the total goes to stderr.
 */
@Command(name = "console-consumer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Consume records and print them to standard output.")
public final class ConsoleConsumerCommand extends KafkaTool {

    @Option(names = "--bootstrap-server", paramLabel = "<host:port>", description = "Broker(s) to connect to.")
    String bootstrapServer;

    @Option(names = "--topic", paramLabel = "<topic>", description = "Topic to consume from.")
    String topic;

    @Option(names = {"--include", "--whitelist"}, paramLabel = "<regex>",
            description = "Consume every topic matching this regex (--whitelist is the old name).")
    String include;

    @Option(names = "--partition", paramLabel = "<p>", description = "Read only this partition (needs --topic).")
    Integer partition;

    @Option(names = "--offset", paramLabel = "<offset>",
            description = "With --partition: a non-negative offset, 'earliest' or 'latest' (default latest).")
    String offset;

    @Option(names = "--from-beginning", description = "Start at the earliest record when there is no committed offset.")
    boolean fromBeginning;

    @Option(names = "--group", paramLabel = "<group>", description = "Consumer group id.")
    String group;

    @Option(names = "--consumer-property", paramLabel = "<name=value>", description = "A consumer config.")
    Map<String, String> consumerProperties = new LinkedHashMap<>();

    @Option(names = "--consumer.config", paramLabel = "<file>", description = "Consumer config properties file.")
    Path consumerConfig;

    @Option(names = "--max-messages", paramLabel = "<n>", description = "Exit after this many records.")
    Long maxMessages;

    @Option(names = "--timeout-ms", paramLabel = "<ms>", description = "Exit when no record arrived for this long.")
    Long timeoutMs;

    @Option(names = "--property", arity = "1..*", paramLabel = "<name=value>",
            description = "Output settings: print.key, print.partition, print.offset, print.timestamp, print.headers, "
                    + "print.value, key.separator, line.separator, null.literal.")
    Map<String, String> formatterProperties = new LinkedHashMap<>();

    @Option(names = "--isolation-level", paramLabel = "<level>",
            description = "read_committed or read_uncommitted (default).")
    String isolationLevel;

    @Option(names = "--zookeeper", paramLabel = "<host:port[/chroot]>",
            description = "Deprecated (Kafka 1.x): find the brokers registered in this ZooKeeper and consume from them.")
    String zookeeper;

    public ConsoleConsumerCommand(ToolIo io) {
        super(io);
    }

    @Override
    protected String target() {
        return bootstrapServer;
    }

    @Override
    protected int run() {
        validate();
        String bootstrapServer = this.bootstrapServer != null ? this.bootstrapServer : brokersIn(zookeeper);
        RecordFormatter formatter = new RecordFormatter(formatterProperties);
        Properties flags = new Properties();
        flags.putAll(consumerProperties);
        ConsumerSettings settings = ConsumerSettings.build(bootstrapServer, ClientConfigs.load(consumerConfig), flags,
                group, fromBeginning, isolationLevel, new SecureRandom());
        Properties reach = ClientConfigs.load(consumerConfig);
        reach.putAll(flags);
        BrokerReachability.require(bootstrapServer, reach);
        CountDownLatch done = new CountDownLatch(1);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings.props());
        ConsumeLoop loop = new ConsumeLoop(consumer, formatter, io.out(), settings.commitOffsets(),
                maxMessages == null ? Long.MAX_VALUE : maxMessages, timeoutMs == null ? 0 : timeoutMs, Time.SYSTEM);
        Thread hook = new Thread(() -> {
            loop.requestStop();
            awaitQuietly(done);
        }, "console-consumer-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            start(consumer, loop);
            loop.run();
        } finally {
            consumer.close(Duration.ofSeconds(10));
            io.err().println("Processed a total of " + loop.count() + " messages");
            io.err().flush();
            done.countDown();
            removeQuietly(hook);
        }
        return 0;
    }

    private void validate() {
        if ((bootstrapServer == null) == (zookeeper == null)) {
            throw new ToolException(bootstrapServer == null ? "Missing required option: '--bootstrap-server=<host:port>'"
                    : "Only one of --bootstrap-server or --zookeeper can be given.");
        }
        if ((topic == null) == (include == null)) {
            throw new ToolException("Exactly one of --topic or --include (--whitelist) is required.");
        }
        if (partition != null && topic == null) {
            throw new ToolException("The topic is required when partition is specified.");
        }
        if (offset != null && partition == null) {
            throw new ToolException("The partition is required when offset is specified.");
        }
        if (offset != null && fromBeginning) {
            throw new ToolException("Options from-beginning and offset cannot be specified together.");
        }
        if (offset != null && !offset.equals("earliest") && !offset.equals("latest")) {
            try {
                if (Long.parseLong(offset) < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new ToolException("The provided offset value '" + offset
                        + "' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long.");
            }
        }
    }

    /**
     * Kafka 1.x's old consumer form: the brokers registered in ZooKeeper become the bootstrap servers. The records
     * are then read through a broker like any other consumer's; group offsets live in the broker, not ZooKeeper.
     */
    private String brokersIn(String zookeeper) {
        io.err().println("Using the ConsoleConsumer with old consumer is deprecated and will be removed in a future "
                + "major release. Consider using the new consumer by passing [bootstrap-server] instead of [zookeeper].");
        List<String> addresses = new java.util.ArrayList<>();
        try (ZkSession zk = ZkSession.connect(zookeeper)) {
            for (String id : zk.children(ZkPaths.BROKER_IDS)) {
                zk.read(ZkPaths.broker(Integer.parseInt(id))).ifPresent(v -> ZkCodec.brokerInfo(Integer.parseInt(id),
                        v.data(), 0).endpoints().forEach(e -> addresses.add(e.host() + ":" + e.port())));
            }
        }
        if (addresses.isEmpty()) {
            throw new ToolException("no broker is registered in ZooKeeper at " + zookeeper);
        }
        return String.join(",", addresses);
    }

    /** Subscribes (group-managed) or assigns one partition and seeks as asked. */
    private void start(KafkaConsumer<byte[], byte[]> consumer, ConsumeLoop loop) {
        if (partition != null) {
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            String from = offset != null ? offset : fromBeginning ? "earliest" : "latest";
            switch (from) {
                case "earliest" -> consumer.seekToBeginning(List.of(tp));
                case "latest" -> consumer.seekToEnd(List.of(tp));
                default -> consumer.seek(tp, Long.parseLong(from));
            }
            return;
        }
        ConsumerRebalanceListener listener = new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                loop.commitRevoked(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            }
        };
        if (topic != null) {
            consumer.subscribe(List.of(topic), listener);
        } else {
            consumer.subscribe(TopicPattern.of(include).pattern(), listener);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and running the hook: nothing to remove.
        }
    }
}
