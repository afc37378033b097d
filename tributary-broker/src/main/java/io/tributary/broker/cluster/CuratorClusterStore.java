package io.tributary.broker.cluster;

import io.tributary.broker.cluster.ClusterStoreException.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The production {@link ClusterStore}: a real ZooKeeper through Curator, one session per Curator
 * client. Watches are Curator caches. Thread-safe (Curator is); calls block on the round trip.
 * Does not own the Curator client: whoever made it closes it.
 */
public final class CuratorClusterStore implements ClusterStore {

    private final CuratorFramework curator;

    public CuratorClusterStore(CuratorFramework curator) {
        this.curator = curator;
    }

    @Override
    public long sessionId() {
        try {
            return curator.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            throw translate(e, "session id");
        }
    }

    @Override
    public Optional<Node> read(String path) {
        try {
            Stat stat = new Stat();
            byte[] data = curator.getData().storingStatIn(stat).forPath(path);
            return Optional.of(new Node(path, data == null ? new byte[0] : data, stat.getVersion(), stat.getCzxid(),
                    stat.getEphemeralOwner()));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw translate(e, path);
        }
    }

    @Override
    public List<String> children(String path) {
        try {
            List<String> names = new ArrayList<>(curator.getChildren().forPath(path));
            names.sort(null);
            return names;
        } catch (Exception e) {
            throw translate(e, path);
        }
    }

    @Override
    public int create(String path, byte[] data, boolean ephemeral) {
        try {
            curator.create().withMode(ephemeral ? CreateMode.EPHEMERAL : CreateMode.PERSISTENT).forPath(path, data(data));
            return 0;
        } catch (Exception e) {
            throw translate(e, path);
        }
    }

    @Override
    public int setData(String path, byte[] data, int expectedVersion) {
        try {
            return curator.setData().withVersion(expectedVersion).forPath(path, data(data)).getVersion();
        } catch (Exception e) {
            throw translate(e, path);
        }
    }

    @Override
    public void delete(String path, int expectedVersion) {
        try {
            curator.delete().withVersion(expectedVersion).forPath(path);
        } catch (Exception e) {
            throw translate(e, path);
        }
    }

    @Override
    public void multi(List<Op> ops) {
        try {
            List<CuratorOp> curatorOps = new ArrayList<>();
            for (Op op : ops) {
                curatorOps.add(toCurator(op));
            }
            curator.transaction().forOperations(curatorOps);
        } catch (Exception e) {
            throw translate(e, "transaction of " + ops.size() + " operations");
        }
    }

    @Override
    public AutoCloseable watch(String root, ChangeListener listener) {
        CuratorCache cache = CuratorCache.build(curator, root);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, oldData, data) -> listener.onChange(data != null ? data.getPath() : oldData.getPath()))
                .build());
        cache.start();
        return cache::close;
    }

    @Override
    public void close() {
        // the Curator client belongs to its creator
    }

    private CuratorOp toCurator(Op op) throws Exception {
        if (op instanceof Create c) {
            return curator.transactionOp().create().withMode(c.ephemeral() ? CreateMode.EPHEMERAL : CreateMode.PERSISTENT)
                    .forPath(c.path(), data(c.data()));
        }
        if (op instanceof SetData s) {
            return curator.transactionOp().setData().withVersion(s.expectedVersion()).forPath(s.path(), data(s.data()));
        }
        if (op instanceof Delete d) {
            return curator.transactionOp().delete().withVersion(d.expectedVersion()).forPath(d.path());
        }
        return curator.transactionOp().check().withVersion(((Check) op).expectedVersion()).forPath(op.path());
    }

    private static byte[] data(byte[] data) {
        return data == null ? new byte[0] : data;
    }

    private static ClusterStoreException translate(Exception e, String what) {
        if (e instanceof KeeperException keeper) {
            Code code = switch (keeper.code()) {
                case NODEEXISTS -> Code.NODE_EXISTS;
                case NONODE -> Code.NO_NODE;
                case BADVERSION -> Code.BAD_VERSION;
                case NOTEMPTY -> Code.NOT_EMPTY;
                case SESSIONEXPIRED -> Code.SESSION_EXPIRED;
                case CONNECTIONLOSS -> Code.CONNECTION_LOSS;
                default -> Code.OTHER;
            };
            return new ClusterStoreException(code, what, e);
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        if (e instanceof IllegalArgumentException iae) {
            throw iae;
        }
        return new ClusterStoreException(Code.OTHER, what, e);
    }
}
