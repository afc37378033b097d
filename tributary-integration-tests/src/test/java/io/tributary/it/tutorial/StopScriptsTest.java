package io.tributary.it.tutorial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.it.tutorial.Installation.Command;
import io.tributary.testkit.FreePort;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stop scripts stop only the servers started from their own installation, wait for them to exit and say
 * which; with nothing to stop they say so and exit 1, like Kafka's.
 */
class StopScriptsTest {

    @Test
    @Timeout(120)
    void zooKeeperStopStopsOnlyThisInstallationsServer() {
        try (Installation first = Installation.create(); Installation second = Installation.create()) {
            int firstPort = FreePort.pick();
            int secondPort = FreePort.pick();
            first.setProperties("config/zookeeper.properties", Map.of("clientPort", String.valueOf(firstPort),
                    "dataDir", first.dir().resolve("zk").toString()));
            second.setProperties("config/zookeeper.properties", Map.of("clientPort", String.valueOf(secondPort),
                    "dataDir", second.dir().resolve("zk").toString()));
            assertThat(first.run("bin/zkServer.sh start").out()).contains("STARTED");
            assertThat(second.run("bin/zkServer.sh start").out()).contains("STARTED");
            assertThat(first.run("bin/zkServer.sh status").out()).contains("Mode: standalone");

            Command stop = first.run("bin/zookeeper-server-stop.sh");
            assertThat(stop.exitCode()).as("%s", stop).isZero();
            assertThat(stop.out()).matches("Stopped zookeeper \\(pid \\d+\\)\n");
            Command status = first.run("bin/zkServer.sh status");
            assertThat(status.exitCode()).isEqualTo(1);
            assertThat(status.out()).contains("It is probably not running");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(second.run("bin/zkServer.sh status").out()).contains("Mode: standalone"));

            Command again = first.run("bin/zookeeper-server-stop.sh");
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).contains("No zookeeper to stop");
            Command noBroker = first.run("bin/kafka-server-stop.sh");
            assertThat(noBroker.exitCode()).isEqualTo(1);
            assertThat(noBroker.err()).contains("No broker to stop");
            assertThat(second.run("bin/zkServer.sh stop").out()).contains("STOPPED");
        }
    }
}
