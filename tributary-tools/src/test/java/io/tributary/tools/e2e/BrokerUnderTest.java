package io.tributary.tools.e2e;

/**
 * A running broker the end-to-end tool tests talk to. Today {@link RealKafkaBroker}; switching the tests to a
 * Tributary broker means returning another implementation from {@link #start}.
 */
public interface BrokerUnderTest extends AutoCloseable {

    /** host:port of the PLAINTEXT listener. */
    String bootstrapServers();

    /** The broker's node id, as shown in Leader/Replicas/Isr. */
    int nodeId();

    @Override
    void close();

    /** The broker every end-to-end test uses: the one line to change when Tributary's broker is ready. */
    static BrokerUnderTest start(java.nio.file.Path workDir) throws Exception {
        return RealKafkaBroker.start(workDir);
    }
}
