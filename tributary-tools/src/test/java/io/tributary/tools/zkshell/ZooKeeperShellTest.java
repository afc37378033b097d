package io.tributary.tools.zkshell;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.zk.ZkCodec;
import io.tributary.tools.ToolRun;
import io.tributary.tools.zk.ZkSession;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zookeeper-shell} (behind zookeeper-shell.sh and zkCli.sh) against a real ZooKeeper server on a free port,
 * holding broker registrations written the way brokers write them.
 */
@Timeout(60)
class ZooKeeperShellTest {

    private static final String BROKER_0 = "{\"version\":5,\"host\":\"127.0.0.1\",\"port\":9092,"
            + "\"endpoints\":[\"PLAINTEXT://127.0.0.1:9092\"]}";

    @TempDir
    Path dir;

    private ServerCnxnFactory factory;
    private String connect;

    @BeforeEach
    void startZooKeeper() throws Exception {
        ZooKeeperServer server = new ZooKeeperServer(dir.resolve("snap").toFile(), dir.resolve("log").toFile(), 2000);
        factory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), 100);
        factory.startup(server);
        connect = "127.0.0.1:" + factory.getLocalPort();
        try (ZkSession zk = ZkSession.connect(connect)) {
            zk.create("/brokers/ids/0", BROKER_0);
            zk.create("/brokers/ids/2", "{\"version\":5,\"endpoints\":[\"PLAINTEXT://127.0.0.1:9094\"]}");
            zk.create("/brokers/ids/1", "{\"version\":5,\"endpoints\":[\"PLAINTEXT://127.0.0.1:9093\"]}");
        }
    }

    @AfterEach
    void stopZooKeeper() {
        factory.shutdown();
    }

    @Test
    void oneShotLsPrintsTheSortedChildrenLikeZooKeeper() {
        ToolRun run = ToolRun.run("zookeeper-shell", connect, "ls", "/brokers/ids");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("[0, 1, 2]\n");
        assertThat(run.err()).startsWith("Connecting to " + connect);
    }

    @Test
    void getPrintsTheNodesDataAndStatItsVersions() {
        assertThat(ToolRun.run("zookeeper-shell", connect, "get", "/brokers/ids/0").out()).isEqualTo(BROKER_0 + "\n");
        ToolRun stat = ToolRun.run("zookeeper-shell", connect, "stat", "/brokers/ids");
        assertThat(stat.exitCode()).isZero();
        assertThat(stat.outLines()).hasSize(11).first().asString().startsWith("cZxid = 0x");
        assertThat(stat.outLines()).contains("numChildren = 3", "dataVersion = 0", "ephemeralOwner = 0x0");
        ToolRun withStat = ToolRun.run("zookeeper-shell", connect, "ls", "-s", "/brokers");
        assertThat(withStat.outLines()).startsWith("[ids]").contains("numChildren = 1");
    }

    @Test
    void missingNodeSaysSoAndExitsOne() {
        ToolRun run = ToolRun.run("zookeeper-shell", connect, "get", "/no/such/node");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).contains("Node does not exist: /no/such/node");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void interactiveShellRunsEachLineUntilQuit() {
        ToolRun run = ToolRun.withInput("ls /\nls /brokers/ids\nget /brokers/ids/0\nquit\nls /brokers\n",
                "zookeeper-shell", connect);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("[zk: " + connect + "(CONNECTED) 0] [brokers, zookeeper]\n")
                .contains("(CONNECTED) 1] [0, 1, 2]\n")
                .contains("(CONNECTED) 2] " + BROKER_0 + "\n")
                .doesNotContain("(CONNECTED) 4]");
    }

    @Test
    void unreachableZooKeeperIsOneErrorLine() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ToolRun run = ToolRun.run("zookeeper-shell", "--timeout", "1500", "127.0.0.1:" + port, "ls", "/");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).last().asString()
                .isEqualTo("Error: cannot reach ZooKeeper at 127.0.0.1:" + port + " (no connection within 1 s)");
        assertThat(run.millis()).isLessThan(8_000);
    }

    @Test
    void brokerRegistrationsGiveTheirListenerAddresses() {
        assertThat(addresses(BROKER_0)).containsExactly("127.0.0.1:9092");
        assertThat(addresses("{\"version\":1,\"host\":\"h\",\"port\":9092}")).containsExactly("h:9092");
    }

    private static java.util.List<String> addresses(String registration) {
        return ZkCodec.brokerInfo(0, registration.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0).endpoints()
                .stream().map(e -> e.host() + ":" + e.port()).toList();
    }
}
