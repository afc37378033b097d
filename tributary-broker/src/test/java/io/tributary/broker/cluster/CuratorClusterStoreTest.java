package io.tributary.broker.cluster;

import io.tributary.broker.zk.EmbeddedZooKeeper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a real ZooKeeper server (embedded, on a free port). */
class CuratorClusterStoreTest extends ClusterStoreContract {

    @TempDir
    Path dir;

    private EmbeddedZooKeeper zk;
    private final List<CuratorFramework> clients = new ArrayList<>();
    private final Map<ClusterStore, CuratorFramework> owners = new IdentityHashMap<>();

    @BeforeEach
    void startZooKeeper() throws Exception {
        zk = EmbeddedZooKeeper.start(dir, 0);
    }

    @AfterEach
    void stopZooKeeper() {
        clients.forEach(CuratorFramework::close);
        zk.close();
    }

    @Override
    ClusterStore newSession() throws Exception {
        CuratorFramework curator = CuratorFrameworkFactory.newClient(zk.connectString(), 6000, 5000, new RetryOneTime(100));
        curator.start();
        curator.blockUntilConnected();
        clients.add(curator);
        ClusterStore store = new CuratorClusterStore(curator);
        owners.put(store, curator);
        return store;
    }

    @Override
    void endSession(ClusterStore session) {
        owners.get(session).close();
    }
}
