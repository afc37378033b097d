package io.tributary.broker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.BrokerConfigKeys;
import io.tributary.broker.config.ConfigException;
import io.tributary.broker.zk.EmbeddedZooKeeper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Where the broker's ZooKeeper is. Every port here is a free ephemeral one; none of these tests binds 2181. */
@Timeout(30)
class ZooKeeperChoiceTest {

    @TempDir
    Path dir;

    @Test
    void embeddedZooKeeperListensOn2181ByDefault() {
        BrokerConfig config = new BrokerConfig(Map.of("log.dirs", dir.toString()));
        assertThat(config.get(BrokerConfigKeys.EMBEDDED_ZOOKEEPER_PORT)).isEqualTo(2181);
        assertThat(config.get(BrokerConfigKeys.EMBEDDED_ZOOKEEPER_ENABLE)).isTrue();
        assertThat(config.zookeeperConnect()).isNull();
    }

    @Test
    void unsetConnectServesZooKeeperOnTheConfiguredPort() throws Exception {
        int port = freePort();
        ZooKeeperChoice.Choice choice = ZooKeeperChoice.choose(config(port, null));
        try (EmbeddedZooKeeper embedded = choice.embedded()) {
            assertThat(embedded).isNotNull();
            assertThat(embedded.port()).isEqualTo(port);
            assertThat(choice.connectString()).isEqualTo("127.0.0.1:" + port);
        }
    }

    @Test
    void takenPortFailsWithOneLineNamingThePortAndTheKeys() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> ZooKeeperChoice.choose(config(port, null)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Port 127.0.0.1:" + port + " for the embedded ZooKeeper is in use; set "
                            + "embedded.zookeeper.port to a free port (0 picks one), or zookeeper.connect=127.0.0.1:"
                            + port + " to use the ZooKeeper running there");
        }
    }

    @Test
    void connectNamingTheEmbeddedAddressUsesTheZooKeeperRunningThere() throws Exception {
        try (EmbeddedZooKeeper running = EmbeddedZooKeeper.start(dir.resolve("other"), 0)) {
            ZooKeeperChoice.Choice choice = ZooKeeperChoice.choose(
                    config(running.port(), "localhost:" + running.port()));
            assertThat(choice.embedded()).isNull();
            assertThat(choice.connectString()).isEqualTo("localhost:" + running.port());
        }
    }

    @Test
    void connectNamingTheEmbeddedAddressServesItWhenNothingListens() throws Exception {
        int port = freePort();
        ZooKeeperChoice.Choice choice = ZooKeeperChoice.choose(config(port, "127.0.0.1:" + port));
        try (EmbeddedZooKeeper embedded = choice.embedded()) {
            assertThat(embedded).isNotNull();
            assertThat(embedded.port()).isEqualTo(port);
        }
    }

    @Test
    void anyOtherConnectStringIsUsedAsItIs() throws Exception {
        int port = freePort();
        ZooKeeperChoice.Choice choice = ZooKeeperChoice.choose(config(port, "zk1.example:" + port + ",zk2.example:2181"));
        assertThat(choice.embedded()).isNull();
        assertThat(choice.connectString()).isEqualTo("zk1.example:" + port + ",zk2.example:2181");
    }

    @Test
    void disabledEmbeddingWithoutConnectFailsNamingTheKey() {
        Map<String, String> raw = new HashMap<>(Map.of("log.dirs", dir.toString(), "embedded.zookeeper.enable", "false"));
        assertThatThrownBy(() -> ZooKeeperChoice.choose(new BrokerConfig(raw)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("zookeeper.connect")
                .hasMessageContaining("embedded.zookeeper.enable=false");
    }

    @Test
    void onlyASingleLoopbackHostOnThePortNamesTheEmbeddedAddress() {
        assertThat(ZooKeeperChoice.namesEmbeddedAddress("localhost:2181", 2181)).isTrue();
        assertThat(ZooKeeperChoice.namesEmbeddedAddress("127.0.0.1:2181/kafka", 2181)).isTrue();
        assertThat(ZooKeeperChoice.namesEmbeddedAddress("localhost", 2181)).isTrue();
        assertThat(ZooKeeperChoice.namesEmbeddedAddress("localhost:2182", 2181)).isFalse();
        assertThat(ZooKeeperChoice.namesEmbeddedAddress("10.0.0.5:2181", 2181)).isFalse();
        assertThat(ZooKeeperChoice.namesEmbeddedAddress("localhost:2181,localhost:2182", 2181)).isFalse();
    }

    private BrokerConfig config(int embeddedPort, String connect) {
        Map<String, String> raw = new HashMap<>(Map.of("log.dirs", dir.resolve("logs").toString(),
                "embedded.zookeeper.port", String.valueOf(embeddedPort)));
        if (connect != null) {
            raw.put("zookeeper.connect", connect);
        }
        return new BrokerConfig(raw);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
