package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.server.Broker;
import io.tributary.broker.zk.EmbeddedZooKeeper;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.compress.CompressionType;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.Struct;
import io.tributary.testkit.EmbeddedBroker;
import io.tributary.testkit.TempDirs;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One of a broker's two log directories disappears under it while it leads partitions in both. Three real brokers
 * share one ZooKeeper; broker 1 leads partitions 0 and 1 of a topic replicated three ways with
 * min.insync.replicas=2. After the directory holding partition 0 is deleted, the broker notices at its next
 * checkpoint, reports the failure through {@code /log_dir_event_notification}, and the controller moves partition
 * 0's leadership to another ISR member and takes broker 1 out of its ISR. Broker 1 answers KAFKA_STORAGE_ERROR for
 * partition 0 and goes on leading partition 1 from its healthy directory; an acks=all producer carries on and
 * nothing it was told is written is lost.
 */
@Timeout(180)
class LogDirFailureTest {

    private static final String TOPIC = "orders";
    private static final short PRODUCE_VERSION = 8;
    private static final short KAFKA_STORAGE_ERROR = 56;

    @TempDir
    Path dir;

    private EmbeddedZooKeeper zooKeeper;
    private final Map<Integer, EmbeddedBroker> brokers = new TreeMap<>();

    @AfterEach
    void stop() {
        brokers.values().forEach(EmbeddedBroker::close);
        if (zooKeeper != null) {
            zooKeeper.close();
        }
    }

    @Test
    void leadershipLeavesTheFailedDirectoryAndTheRestOfTheBrokerKeepsServing() throws Exception {
        zooKeeper = EmbeddedZooKeeper.start(dir.resolve("zookeeper"), 0);
        for (int id = 0; id < 3; id++) {
            brokers.put(id, EmbeddedBroker.start(Map.of(
                    "broker.id", String.valueOf(id),
                    "zookeeper.connect", zooKeeper.connectString(),
                    "log.dirs", dir.resolve(id + "-a") + "," + dir.resolve(id + "-b"),
                    "replica.lag.time.max.ms", "2000",
                    "auto.leader.rebalance.enable", "false",
                    "controlled.shutdown.enable", "false")));
        }
        String bootstrap = brokers.values().stream().map(EmbeddedBroker::bootstrapServers)
                .reduce((a, b) -> a + "," + b).orElseThrow();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            NewTopic topic = new NewTopic(TOPIC, Map.of(0, List.of(1, 0, 2), 1, List.of(1, 2, 0)));
            topic.configs(Map.of("min.insync.replicas", "2"));
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
        Broker failing = brokers.get(1).broker();
        io.tributary.common.TopicPartition p0 = new io.tributary.common.TopicPartition(TOPIC, 0);
        io.tributary.common.TopicPartition p1 = new io.tributary.common.TopicPartition(TOPIC, 1);
        await("broker 1 leads both partitions with full ISRs", () -> isLeaderWithIsr(failing, p0, 3)
                && isLeaderWithIsr(failing, p1, 3));
        Path p0Dir = failing.replicaManager().partition(p0).log().dir().getParent();
        Path p1Dir = failing.replicaManager().partition(p1).log().dir().getParent();
        assertThat(p0Dir).as("one partition in each directory").isNotEqualTo(p1Dir);

        List<String> acknowledged = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            for (int i = 0; i < 20; i++) {
                send(producer, 0, "before-" + i, acknowledged);
            }
            TempDirs.deleteRecursively(p0Dir);

            await("partition 0 led by another ISR member, broker 1 out of its ISR", () -> {
                PartitionState state = brokers.get(0).broker().metadata().image().partition(p0);
                return state != null && state.leader() != 1 && state.leader() >= 0 && !state.isr().contains(1);
            });
            int newLeader = brokers.get(0).broker().metadata().image().partition(p0).leader();
            assertThat(newLeader).isIn(0, 2);

            // The acks=all producer goes on: its metadata finds the new leader, and the ISR of two satisfies min.insync.
            for (int i = 0; i < 20; i++) {
                send(producer, 0, "after-" + i, acknowledged);
            }
            send(producer, 1, "healthy-directory", new ArrayList<>());
        }

        assertThat(rawProduceError(brokers.get(1), p0)).as("broker 1 on the lost partition").isEqualTo(KAFKA_STORAGE_ERROR);
        assertThat(rawProduceError(brokers.get(1), p1)).as("broker 1 on its healthy directory").isZero();
        PartitionState p1State = brokers.get(0).broker().metadata().image().partition(p1);
        assertThat(p1State.leader()).as("partition 1 keeps its leader").isEqualTo(1);
        assertThat(failing.logManager().offlineDirs()).containsExactly(p0Dir.toAbsolutePath());
        assertThat(zooKeeperChildren("/log_dir_event_notification")).as("the controller consumed the event").isEmpty();

        assertThat(readAll(bootstrap, new TopicPartition(TOPIC, 0))).containsExactlyElementsOf(acknowledged);
    }

    private static boolean isLeaderWithIsr(Broker broker, io.tributary.common.TopicPartition tp, int isr) {
        PartitionState state = broker.metadata().image().partition(tp);
        return state != null && state.leader() == broker.config().brokerId() && state.isr().size() == isr
                && broker.replicaManager().partition(tp) != null && broker.replicaManager().partition(tp).isLeader();
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("delivery.timeout.ms", "60000");
        p.put("request.timeout.ms", "10000");
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static void send(KafkaProducer<String, String> producer, int partition, String value, List<String> acked)
            throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, partition, null, value)).get(60, TimeUnit.SECONDS);
        acked.add(value);
    }

    private static List<String> readAll(String bootstrap, TopicPartition tp) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.currentTimeMillis() + 30_000;
            while (consumer.position(tp) < end && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private List<String> zooKeeperChildren(String path) throws Exception {
        return brokers.get(0).broker().zk().curator().getChildren().forPath(path);
    }

    /** A one-record acks=1 Produce sent straight to {@code broker} on a raw socket; the partition's error code. */
    private static short rawProduceError(EmbeddedBroker broker, io.tributary.common.TopicPartition tp) throws Exception {
        byte[] batch = toArray(new RecordBatchBuilder(CompressionType.NONE)
                .append(System.currentTimeMillis(), null, "raw".getBytes(StandardCharsets.UTF_8)).build());
        Struct request = MessageCodec.newRequest(ApiKey.PRODUCE);
        request.set("acks", (short) 1).set("timeout_ms", 10_000);
        request.addChild("topic_data").set("name", tp.topic()).addChild("partition_data").set("index", tp.partition())
                .set("records", ByteBuffer.wrap(batch));
        ByteBuffer body = MessageCodec.requestBytes(ApiKey.PRODUCE, PRODUCE_VERSION, request);
        byte[] clientId = "raw".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer frame = ByteBuffer.allocate(4 + 10 + clientId.length + body.remaining());
        frame.putInt(10 + clientId.length + body.remaining()).putShort(ApiKey.PRODUCE.id()).putShort(PRODUCE_VERSION)
                .putInt(7).putShort((short) clientId.length).put(clientId).put(body);
        String[] hostPort = broker.bootstrapServers().split(":");
        try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            socket.setSoTimeout(20_000);
            new DataOutputStream(socket.getOutputStream()).write(frame.array());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] response = new byte[in.readInt()];
            in.readFully(response);
            ByteBuffer buffer = ByteBuffer.wrap(response);
            assertThat(buffer.getInt()).isEqualTo(7);
            Struct parsed = MessageCodec.readResponse(ApiKey.PRODUCE, PRODUCE_VERSION, new ProtocolReader(buffer));
            return parsed.getStructs("responses").get(0).getStructs("partition_responses").get(0).getShort("error_code");
        }
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
