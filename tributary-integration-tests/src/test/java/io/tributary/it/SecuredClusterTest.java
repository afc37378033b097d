package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.server.Broker;
import io.tributary.broker.zk.EmbeddedZooKeeper;
import io.tributary.common.Time;
import io.tributary.testkit.TempDirs;
import io.tributary.testkit.TestCertificates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three brokers whose only listener, clients' and brokers' alike, is SASL_SSL (replication logs in as the super
 * user with PLAIN): ACLs created through one broker are enforced by every broker, replication keeps working under
 * the authorizer, and after every broker restarts the ACLs still hold.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SecuredClusterTest {

    private static Map<String, String> brokerConfig(int id, String zk, Path dir) {
        TestCertificates certs = TestCertificates.get();
        Map<String, String> config = new HashMap<>();
        config.put("broker.id", String.valueOf(id));
        config.put("zookeeper.connect", zk);
        config.put("zookeeper.session.timeout.ms", "6000");
        config.put("log.dirs", dir.resolve("broker-" + id).toString());
        config.put("listeners", "SASL_SSL://127.0.0.1:0");
        config.put("security.inter.broker.protocol", "SASL_SSL");
        config.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        config.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256");
        config.put("listener.name.sasl_ssl.plain.sasl.jaas.config", AclEnforcementTest.USERS_JAAS);
        config.put("ssl.keystore.type", "PKCS12");
        config.put("ssl.keystore.location", certs.brokerKeyStore().toString());
        config.put("ssl.keystore.password", TestCertificates.PASSWORD);
        config.put("ssl.truststore.type", "PKCS12");
        config.put("ssl.truststore.location", certs.trustStore().toString());
        config.put("ssl.truststore.password", TestCertificates.PASSWORD);
        config.put("authorizer.class.name", "kafka.security.authorizer.AclAuthorizer");
        config.put("super.users", "User:admin");
        config.put("offsets.topic.replication.factor", "3");
        config.put("replica.lag.time.max.ms", "5000");
        config.put("min.insync.replicas", "3"); // acks=all succeeds only if replication over SASL_SSL works
        return config;
    }

    private static Map<String, Object> client(String bootstrap, String user) {
        Map<String, Object> config = SaslListenerTest.saslClient("SASL_SSL", "PLAIN", user, user + "-secret");
        config.put("bootstrap.servers", bootstrap);
        config.put("request.timeout.ms", "10000");
        config.put("default.api.timeout.ms", "20000");
        config.put("max.block.ms", "10000");
        config.put("acks", "all");
        return config;
    }

    @Test
    void aclsReachEveryBrokerOfASaslSslClusterAndSurviveARestartOfEveryBroker() throws Exception {
        Path dir = TempDirs.create("secured-cluster-");
        EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir.resolve("zk"), 0);
        List<Broker> brokers = new ArrayList<>();
        try {
            for (int id = 0; id < 3; id++) {
                brokers.add(new Broker(new BrokerConfig(brokerConfig(id, zk.connectString(), dir)), Time.SYSTEM).start());
            }
            String bootstrap = brokers.get(0).bootstrapServers();
            try (Admin admin = Admin.create(client(bootstrap, "admin"))) {
                admin.createTopics(List.of(new NewTopic("ledger", 3, (short) 3))).all().get(30, TimeUnit.SECONDS);
                admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "ledger", PatternType.LITERAL),
                        new AccessControlEntry("User:alice", "*", AclOperation.WRITE, AclPermissionType.ALLOW))))
                        .all().get(30, TimeUnit.SECONDS);
            }
            assertEnforcedOnEveryBroker(brokers);

            for (Broker broker : brokers) {
                broker.close();
            }
            brokers.clear();
            for (int id = 0; id < 3; id++) {
                brokers.add(new Broker(new BrokerConfig(brokerConfig(id, zk.connectString(), dir)), Time.SYSTEM).start());
            }
            assertEnforcedOnEveryBroker(brokers);
        } finally {
            brokers.forEach(Broker::close);
            zk.close();
            TempDirs.deleteRecursively(dir);
        }
    }

    /** Through each broker: alice writes to every partition (leaders on all brokers, acks=all over SASL_SSL); bob cannot. */
    private static void assertEnforcedOnEveryBroker(List<Broker> brokers) throws Exception {
        for (Broker broker : brokers) {
            String bootstrap = broker.bootstrapServers();
            try (KafkaProducer<String, String> producer = Clients.stringProducer(bootstrap, client(bootstrap, "alice"))) {
                for (int partition = 0; partition < 3; partition++) {
                    producer.send(new ProducerRecord<>("ledger", partition, "k", "v")).get(30, TimeUnit.SECONDS);
                }
            }
            try (KafkaProducer<String, String> producer = Clients.stringProducer(bootstrap, client(bootstrap, "bob"))) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("ledger", 0, "k", "v")).get(30, TimeUnit.SECONDS))
                        .as("bob through broker %d", broker.brokerId()).hasCauseInstanceOf(TopicAuthorizationException.class);
            }
            try (Admin bob = Admin.create(client(bootstrap, "bob"))) {
                assertThat(bob.listTopics().names().get(20, TimeUnit.SECONDS)).doesNotContain("ledger");
            }
        }
        for (Broker broker : brokers) {
            for (int partition = 0; partition < 3; partition++) {
                var replica = broker.replicaManager().partition(new io.tributary.common.TopicPartition("ledger", partition));
                assertThat(replica).as("replica of ledger-%d on broker %d", partition, broker.brokerId()).isNotNull();
            }
        }
    }
}
