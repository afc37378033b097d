package io.tributary.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad flags and unreachable servers end with exit code 1 and a single readable line, never a stack trace. */
class CommandLineErrorsTest {

    private static String deadAddress() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"topics --list --bootstrap-server h:1",
            "console-producer --topic t --bootstrap-server h:1",
            "console-consumer --topic t --bootstrap-server h:1",
            "consumer-groups --list --bootstrap-server h:1",
            "producer-perf-test --topic t --num-records 1 --record-size 1 --throughput 1",
            "consumer-perf-test --topic t --messages 1 --bootstrap-server h:1",
            "server-start config/server.properties",
            "zookeeper-start config/zookeeper.properties"})
    @Timeout(10)
    void unknownFlagIsOneLineAndExitCodeOne(String commandLine) {
        String tool = commandLine.split(" ")[0];
        ToolRun run = ToolRun.run((commandLine + " --no-such-flag").split(" "));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("Error: ").contains("--no-such-flag")
                .contains("'tributary " + tool + " --help'");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"topics", "console-producer", "console-consumer", "consumer-groups", "transactions",
            "producer-perf-test", "consumer-perf-test", "server-start", "zookeeper-start", "zookeeper-shell"})
    @Timeout(10)
    void everyToolHasHelp(String tool) {
        ToolRun run = ToolRun.run(tool, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: tributary " + tool);
    }

    @Test
    @Timeout(10)
    void topicsNeedsExactlyOneAction() {
        ToolRun run = ToolRun.run("topics", "--list", "--describe", "--bootstrap-server", "h:1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).contains("mutually exclusive");
    }

    @Test
    @Timeout(10)
    void consoleConsumerRefusesOffsetWithoutPartitionBeforeConnecting() {
        ToolRun run = ToolRun.run("console-consumer", "--bootstrap-server", "h:1", "--topic", "t", "--offset", "5");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("Error: The partition is required when offset is specified.");
    }

    @Test
    @Timeout(10)
    void singleDashLongOptionsFromOldTutorialsAreAccepted() {
        ToolRun run = ToolRun.run("topics", "-alter", "--help");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    @Timeout(10)
    void serverStartWithMissingFileSaysSo() {
        ToolRun run = ToolRun.run("server-start", "/nonexistent/server.properties");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly(
                "Error: cannot read broker configuration /nonexistent/server.properties");
    }

    @ParameterizedTest
    @ValueSource(strings = {"topics --list --bootstrap-server",
            "consumer-groups --list --bootstrap-server",
            "console-consumer --topic t --bootstrap-server",
            "console-producer --topic t --broker-list",
            "producer-perf-test --topic t --num-records 1 --record-size 1 --throughput -1 --bootstrap-server"})
    @Timeout(30)
    void unreachableBrokerIsReportedWithinFifteenSeconds(String command) throws IOException {
        String address = deadAddress();
        ToolRun run = ToolRun.run((command + " " + address).split(" "));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly(run.errLines().get(0));
        assertThat(run.errLines().get(0)).startsWith("Error: cannot reach broker at " + address);
        assertThat(run.millis()).isLessThan(15_000);
    }

    @Test
    @Timeout(30)
    void unreachableZooKeeperIsReportedWithinFifteenSeconds() throws IOException {
        String address = deadAddress();
        ToolRun run = ToolRun.run("topics", "--list", "--zookeeper", address);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("Error: cannot reach ZooKeeper at " + address
                + " (no connection within 10 s)");
        assertThat(run.millis()).isLessThan(15_000);
    }
}
