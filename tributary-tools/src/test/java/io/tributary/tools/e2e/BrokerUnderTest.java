package io.tributary.tools.e2e;

/**
 * A running broker the end-to-end tool tests talk to: a Tributary broker by default, or, under the Maven profile
 * {@code real-kafka} (which sets {@code tributary.kafkaBrokerLib}), Apache Kafka 4.2.0, so the same tests prove the
 * tools speak only the public protocol.
 */
public interface BrokerUnderTest extends AutoCloseable {

    /** host:port of the PLAINTEXT listener. */
    String bootstrapServers();

    /** The broker's node id, as shown in Leader/Replicas/Isr. */
    int nodeId();

    /** The ZooKeeper holding the cluster's metadata, for {@code topics --zookeeper}; empty for a KRaft broker. */
    java.util.Optional<String> zookeeperConnect();

    @Override
    void close();

    /** Apache Kafka when the {@code real-kafka} profile supplied its jars, Tributary otherwise. */
    static BrokerUnderTest start(java.nio.file.Path workDir) throws Exception {
        return isRealKafka() ? RealKafkaBroker.start(workDir) : TributaryBroker.start(workDir);
    }

    static boolean isRealKafka() {
        return System.getProperty("tributary.kafkaBrokerLib") != null;
    }
}
