package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.config.SecurityProtocol;
import io.tributary.broker.metadata.BrokerInfo;
import io.tributary.broker.replica.BlockingChannel;
import io.tributary.broker.server.Broker;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.types.Struct;
import io.tributary.broker.zk.EmbeddedZooKeeper;
import io.tributary.common.Time;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two named listeners per broker: clients get the endpoints of the listener they came in on, the ZooKeeper
 * registration carries both, and replication runs over the inter-broker listener.
 */
class MultipleListenersTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void clientsSeeTheirListenersEndpointsAndReplicationUsesTheInterBrokerListener() throws Exception {
        // EXTERNAL is advertised on ports nothing listens on: any fetcher using it could never replicate.
        List<Integer> unreachable = new ArrayList<>();
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            unreachable.add(a.getLocalPort());
            unreachable.add(b.getLocalPort());
        }
        List<Broker> brokers = new ArrayList<>();
        try (EmbeddedZooKeeper zooKeeper = EmbeddedZooKeeper.start(dir.resolve("zk"), 0)) {
            try {
                for (int id = 0; id < 2; id++) {
                    Map<String, String> props = new HashMap<>();
                    props.put("broker.id", String.valueOf(id));
                    props.put("zookeeper.connect", zooKeeper.connectString());
                    props.put("log.dirs", dir.resolve("broker-" + id).toString());
                    props.put("listeners", "INTERNAL://127.0.0.1:0,EXTERNAL://127.0.0.1:0");
                    props.put("advertised.listeners", "INTERNAL://127.0.0.1:0,EXTERNAL://localhost:" + unreachable.get(id));
                    props.put("listener.security.protocol.map", "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT");
                    props.put("inter.broker.listener.name", "INTERNAL");
                    props.put("offsets.topic.replication.factor", "1");
                    brokers.add(new Broker(new BrokerConfig(props), Time.SYSTEM).start());
                }
                Broker first = brokers.get(0);
                // Both registrations must be in the first broker's image before it is asked for them.
                long deadline = System.currentTimeMillis() + 30_000;
                while (first.metadata().image().brokers().size() < 2 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                String internal = first.bootstrapServers("INTERNAL");
                // Asked on EXTERNAL's bound port, Metadata names the brokers by their EXTERNAL endpoints.
                try (BlockingChannel external = new BlockingChannel("127.0.0.1", first.boundAddresses().get(1).getPort(),
                        10_000, "listener-test")) {
                    Struct metadata = external.call(ApiKey.METADATA, (short) 12,
                            MessageCodec.newRequest(ApiKey.METADATA).set("topics", null));
                    assertThat(metadata.getStructs("brokers")).extracting(b -> b.getInt("port"))
                            .containsExactlyInAnyOrderElementsOf(unreachable);
                    assertThat(metadata.getStructs("brokers")).extracting(b -> b.getString("host")).containsOnly("localhost");
                }
                List<Integer> internalPorts = new ArrayList<>();
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", internal))) {
                    for (Node node : admin.describeCluster().nodes().get(20, TimeUnit.SECONDS)) {
                        assertThat(node.host()).isEqualTo("127.0.0.1");
                        internalPorts.add(node.port());
                    }
                    admin.createTopics(List.of(new NewTopic("replicated", 1, (short) 2))).all().get(20, TimeUnit.SECONDS);
                }
                assertThat(internalPorts).containsExactlyInAnyOrder(brokers.get(0).boundAddresses().get(0).getPort(),
                        brokers.get(1).boundAddresses().get(0).getPort());

                BrokerInfo registered = first.metadata().image().brokers().get(1);
                assertThat(registered.endpoints()).extracting(Endpoint::listenerName).containsExactly("INTERNAL", "EXTERNAL");
                assertThat(registered.endpoints()).extracting(Endpoint::securityProtocol)
                        .containsOnly(SecurityProtocol.PLAINTEXT);

                Properties p = new Properties();
                p.put("bootstrap.servers", internal);
                p.put("acks", "all");
                p.put("key.serializer", StringSerializer.class.getName());
                p.put("value.serializer", StringSerializer.class.getName());
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                    for (int i = 0; i < 5; i++) {
                        producer.send(new ProducerRecord<>("replicated", "k", "v" + i)).get(30, TimeUnit.SECONDS);
                    }
                }
                for (Broker broker : brokers) {
                    long end = broker.replicaManager().partition(new io.tributary.common.TopicPartition("replicated", 0))
                            .logEndOffset();
                    assertThat(end).as("log end on broker %d", broker.brokerId()).isEqualTo(5);
                }
            } finally {
                brokers.forEach(Broker::close);
            }
        }
    }
}
