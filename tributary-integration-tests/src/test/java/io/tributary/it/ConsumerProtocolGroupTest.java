package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.EmbeddedBroker;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * KIP-848 consumer groups ({@code group.protocol=consumer}) with real kafka-clients: join, rebalance
 * when a member joins, when partitions are added and when a member leaves, commit and resume; with
 * the 4.2.0 clients of this module and, in a child JVM, the newest 4.4.0.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ConsumerProtocolGroupTest {

    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(Map.of("group.consumer.heartbeat.interval.ms", "500"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void consumerProtocolGroupOfKafkaClients420JoinsRebalancesCommitsAndResumes() throws Exception {
        String summary = new ConsumerProtocolScenario(broker.bootstrapServers(), "kip848-420", "kip848-420-group").run();
        assertThat(summary).startsWith("joined in");
    }

    @Test
    void consumerProtocolGroupOfKafkaClients440JoinsRebalancesCommitsAndResumes(@TempDir Path dir) throws Exception {
        String output = NewestClients.run(dir, 120, ConsumerProtocolScenario.class.getName(), broker.bootstrapServers(),
                "kip848-440", "kip848-440-group");
        assertThat(output).contains("OK joined in");
    }
}
