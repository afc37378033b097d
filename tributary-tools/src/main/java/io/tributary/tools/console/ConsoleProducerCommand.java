package io.tributary.tools.console;

import io.tributary.tools.BrokerReachability;
import io.tributary.tools.ClientConfigs;
import io.tributary.tools.ErrorMessages;
import io.tributary.tools.KafkaTool;
import io.tributary.tools.ToolException;
import io.tributary.tools.ToolIo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary console-producer}: sends each line of standard input as one record. Asynchronous by default
 * (failures reported on stderr as they arrive, exit code 1 at the end); {@code --sync} waits for each record.
 */
@Command(name = "console-producer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Read lines from standard input and publish each as a record.")
public final class ConsoleProducerCommand extends KafkaTool {

    @Option(names = "--bootstrap-server", paramLabel = "<host:port>", description = "Broker(s) to connect to.")
    String bootstrapServer;

    @Option(names = "--broker-list", paramLabel = "<host:port>", description = "Old name of --bootstrap-server.")
    String brokerList;

    @Option(names = "--topic", required = true, paramLabel = "<topic>", description = "Topic to produce to.")
    String topic;

    @Option(names = "--property", arity = "1..*", paramLabel = "<name=value>",
            description = "Line reader settings: parse.key, key.separator, ignore.error, null.marker.")
    Map<String, String> readerProperties = new LinkedHashMap<>();

    @Option(names = "--producer-property", paramLabel = "<name=value>", description = "A producer config.")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    @Option(names = "--producer.config", paramLabel = "<file>", description = "Producer config properties file.")
    Path producerConfig;

    @Option(names = "--request-required-acks", paramLabel = "<acks>", defaultValue = "-1",
            description = "Acknowledgements required: 0, 1 or -1/all (default ${DEFAULT-VALUE}).")
    String acks;

    @Option(names = "--compression-codec", arity = "0..1", fallbackValue = "gzip", paramLabel = "<codec>",
            description = "none, gzip (when given without a value), snappy, lz4 or zstd.")
    String compressionCodec;

    @Option(names = "--sync", description = "Send each record synchronously.")
    boolean sync;

    @Option(names = "--timeout", paramLabel = "<ms>", defaultValue = "1000",
            description = "linger.ms: how long a record may wait to be batched (default ${DEFAULT-VALUE}).")
    long lingerMs;

    @Option(names = "--batch-size", paramLabel = "<n>", description = "Records per batch when sending asynchronously.")
    Integer batchSize;

    @Option(names = "--max-block-ms", paramLabel = "<ms>", defaultValue = "60000",
            description = "How long send may block when the buffer is full or metadata unknown (default ${DEFAULT-VALUE}).")
    long maxBlockMs;

    public ConsoleProducerCommand(ToolIo io) {
        super(io);
    }

    @Override
    protected String target() {
        return bootstrapServer != null ? bootstrapServer : brokerList;
    }

    @Override
    protected int run() throws Exception {
        String bootstrap = ClientConfigs.bootstrap(bootstrapServer, brokerList);
        LineRecordReader reader = new LineRecordReader(readerProperties);
        Properties reach = ClientConfigs.load(producerConfig);
        reach.putAll(producerProperties);
        BrokerReachability.require(bootstrap, reach);
        AtomicLong failures = new AtomicLong();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(bootstrap),
                new StringSerializer(), new StringSerializer())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
            boolean interactive = System.console() != null && io.in() == System.in;
            long lineNumber = 0;
            while (true) {
                if (interactive) {
                    io.out().print(">");
                    io.out().flush();
                }
                String line = in.readLine();
                if (line == null) {
                    break;
                }
                lineNumber++;
                LineRecordReader.KeyValue kv = reader.parse(line, lineNumber);
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, kv.key(), kv.value());
                if (sync) {
                    producer.send(record).get();
                } else {
                    producer.send(record, (metadata, error) -> {
                        if (error != null) {
                            failures.incrementAndGet();
                            io.err().println("Error when sending message to topic " + topic + ": "
                                    + ErrorMessages.oneLine(error, bootstrap));
                        }
                    });
                }
            }
            producer.flush();
        }
        if (failures.get() > 0) {
            throw new ToolException(failures.get() + " record(s) could not be sent");
        }
        return 0;
    }

    Properties producerProps(String bootstrap) {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put(ProducerConfig.ACKS_CONFIG, acks);
        overrides.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(lingerMs));
        overrides.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(maxBlockMs));
        overrides.put(ProducerConfig.CLIENT_ID_CONFIG, "console-producer");
        if (compressionCodec != null) {
            overrides.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compressionCodec);
        }
        if (batchSize != null) {
            overrides.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(batchSize));
        }
        Properties fromFile = ClientConfigs.load(producerConfig);
        Properties props = new Properties();
        props.putAll(overrides);
        props.putAll(fromFile);
        props.putAll(producerProperties);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return props;
    }
}
