package io.tributary.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.server.Broker;
import io.tributary.common.Time;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's metrics under Kafka's ObjectNames and attributes, read through a real remote JMX connection (RMI, as
 * jconsole, jmx_exporter's remote mode and kafka-ui use), with counts that must match a produced workload exactly.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class KafkaJmxNamesTest {

    private static final int RECORDS = 500;

    @TempDir
    Path dir;

    @Test
    void brokerTopicRequestReplicaAndControllerMetricsCarryKafkasNamesAndExactCounts() throws Exception {
        try (Broker broker = new Broker(new BrokerConfig(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0", "embedded.zookeeper.port", "0",
                "log.dirs", dir.resolve("logs").toString(),
                "offsets.topic.replication.factor", "1",
                "group.initial.rebalance.delay.ms", "0",
                "admin.listeners", "")), Time.SYSTEM).start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("metered", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", broker.bootstrapServers(), "linger.ms", "5"),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>("metered", "key-" + i, "value-" + i));
                }
                producer.flush();
            }
            consumeAll(broker.bootstrapServers());

            withJmx(jmx -> {
                long logSize = (Long) jmx.getAttribute(name("kafka.log:type=Log,name=Size,topic=metered,partition=0"),
                        "Value");
                assertThat(logSize).isPositive();
                assertThat(jmx.getAttribute(name("kafka.log:type=Log,name=LogEndOffset,topic=metered,partition=0"),
                        "Value")).isEqualTo((long) RECORDS);
                assertThat(count(jmx, "kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec,topic=metered"))
                        .isEqualTo(RECORDS);
                assertThat(count(jmx, "kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=metered"))
                        .isEqualTo(logSize);
                assertThat(count(jmx, "kafka.server:type=BrokerTopicMetrics,name=BytesOutPerSec,topic=metered"))
                        .isEqualTo(logSize);
                assertThat(count(jmx, "kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec"))
                        .isGreaterThanOrEqualTo(RECORDS);
                assertThat(count(jmx, "kafka.server:type=BrokerTopicMetrics,name=FailedProduceRequestsPerSec"))
                        .isZero();
                ObjectName meter = name("kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec,topic=metered");
                for (String attribute : List.of("MeanRate", "OneMinuteRate", "FiveMinuteRate", "FifteenMinuteRate")) {
                    assertThat(jmx.getAttribute(meter, attribute)).isInstanceOf(Double.class);
                }

                long produceRequests = jmx.queryNames(name("kafka.network:type=RequestMetrics,name=RequestsPerSec,"
                        + "request=Produce,version=*"), null).stream().mapToLong(n -> count(jmx, n.toString())).sum();
                assertThat(produceRequests).isPositive();
                ObjectName totalTime = name("kafka.network:type=RequestMetrics,name=TotalTimeMs,request=Produce");
                assertThat(jmx.getAttribute(totalTime, "Count")).isEqualTo(produceRequests);
                for (String attribute : List.of("50thPercentile", "99thPercentile", "999thPercentile", "Max", "Mean")) {
                    assertThat(jmx.getAttribute(totalTime, attribute)).isInstanceOf(Number.class);
                }
                for (String name : List.of("RequestQueueTimeMs", "LocalTimeMs", "RemoteTimeMs", "ResponseQueueTimeMs",
                        "ResponseSendTimeMs")) {
                    assertThat(count(jmx, "kafka.network:type=RequestMetrics,name=" + name + ",request=Produce"))
                            .isEqualTo(produceRequests);
                }
                assertThat(count(jmx, "kafka.network:type=RequestMetrics,name=TotalTimeMs,request=FetchConsumer"))
                        .isPositive();

                assertThat(value(jmx, "kafka.server:type=ReplicaManager,name=PartitionCount")).isGreaterThanOrEqualTo(1);
                assertThat(value(jmx, "kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions")).isZero();
                assertThat(value(jmx, "kafka.server:type=ReplicaManager,name=UnderMinIsrPartitionCount")).isZero();
                assertThat(value(jmx, "kafka.controller:type=KafkaController,name=ActiveControllerCount")).isEqualTo(1);
                assertThat(value(jmx, "kafka.controller:type=KafkaController,name=OfflinePartitionsCount")).isZero();
                assertThat(jmx.getAttribute(name("kafka.server:type=SessionExpireListener,name=SessionState"), "Value"))
                        .isEqualTo("CONNECTED");
                assertThat(value(jmx, "kafka.coordinator.group:type=GroupMetadataManager,name=NumGroups"))
                        .isEqualTo(1);
            });
        }
    }

    private static void consumeAll(String bootstrap) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "metered-readers", "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("metered"));
            int seen = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen < RECORDS && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                seen += records.count();
            }
            assertThat(seen).isEqualTo(RECORDS);
            consumer.commitSync(Map.of(new TopicPartition("metered", 0),
                    new org.apache.kafka.clients.consumer.OffsetAndMetadata(RECORDS)));
        }
    }

    private interface JmxCheck {
        void check(MBeanServerConnection jmx) throws Exception;
    }

    /** A JMX connector server on a free port over this JVM's platform MBean server, and a client connected to it. */
    private static void withJmx(JmxCheck check) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Registry registry = LocateRegistry.createRegistry(port);
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(url, null,
                ManagementFactory.getPlatformMBeanServer());
        server.start();
        try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
            check.check(connector.getMBeanServerConnection());
        } finally {
            server.stop();
            UnicastRemoteObject.unexportObject(registry, true);
        }
    }

    private static long count(MBeanServerConnection jmx, String objectName) {
        try {
            return ((Number) jmx.getAttribute(name(objectName), "Count")).longValue();
        } catch (Exception e) {
            throw new AssertionError("no Count of " + objectName, e);
        }
    }

    private static long value(MBeanServerConnection jmx, String objectName) throws Exception {
        return ((Number) jmx.getAttribute(name(objectName), "Value")).longValue();
    }

    private static ObjectName name(String name) throws Exception {
        return new ObjectName(name);
    }
}
