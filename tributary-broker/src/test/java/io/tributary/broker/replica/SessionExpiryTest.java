package io.tributary.broker.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.server.Broker;
import io.tributary.common.TopicPartition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker whose ZooKeeper session expires while the process lives on (a long pause, a partition) loses its
 * ephemeral registration. It must register again when its client reconnects; otherwise the controller treats it
 * as dead forever: it is never elected and every ISR it rejoins is shrunk again.
 */
class SessionExpiryTest {

    private static final String TOPIC = "expiry";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void brokerRegistersAgainAfterItsSessionExpiresAndRejoinsTheIsr() throws Exception {
        try (TestCluster cluster = new TestCluster(dir, 3, Map.of("controlled.shutdown.enable", "false"))) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 3))).all().get(30, TimeUnit.SECONDS);
            }
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            Broker observer = cluster.broker(0);
            TestCluster.await("full ISR", 30_000, () -> isr(observer, tp).equals(Set.of(0, 1, 2)));
            int victim = observer.metadata().image().partition(tp).leader();
            long oldSession = cluster.broker(victim).zk().sessionId();

            expireSession(cluster.broker(victim));

            TestCluster.await("a new leader other than " + victim, 30_000, () -> {
                PartitionState state = observer.metadata().image().partition(tp);
                return state != null && state.leader() >= 0 && state.leader() != victim;
            });
            TestCluster.await("broker " + victim + " registered again under a new session", 30_000,
                    () -> observer.metadata().image().isAlive(victim) && sessionOf(cluster.broker(victim)) != oldSession);
            TestCluster.await("broker " + victim + " back in the ISR", 30_000,
                    () -> isr(observer, tp).equals(Set.of(0, 1, 2)));
            Thread.sleep(3_000);
            assertThat(isr(observer, tp)).as("the ISR stays whole once the broker is registered again")
                    .isEqualTo(Set.of(0, 1, 2));
            assertThat(observer.metadata().image().isAlive(victim)).isTrue();
        }
    }

    /** Ends the broker's session from outside, as ZooKeeper does when a paused broker misses its heartbeats. */
    private static void expireSession(Broker broker) throws Exception {
        ZooKeeper current = broker.zk().curator().getZookeeperClient().getZooKeeper();
        String connect = broker.config().zookeeperConnect();
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper twin = new ZooKeeper(connect, 6000, event -> {
            if (event.getState() == org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        }, current.getSessionId(), current.getSessionPasswd());
        assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
        twin.close();
    }

    private static long sessionOf(Broker broker) {
        try {
            return broker.zk().sessionId();
        } catch (Exception e) {
            return -1;
        }
    }

    private static Set<Integer> isr(Broker observer, TopicPartition tp) {
        PartitionState state = observer.metadata().image().partition(tp);
        return state == null ? Set.of() : Set.copyOf(state.isr());
    }
}
