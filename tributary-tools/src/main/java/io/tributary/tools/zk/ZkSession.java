package io.tributary.tools.zk;

import io.tributary.broker.zk.TopicCreation;
import io.tributary.broker.zk.ZkPaths;
import io.tributary.tools.ToolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

/**
 * A short-lived ZooKeeper connection for the {@code --zookeeper} forms of the tools: string data in and out, absent
 * nodes as empty results. The connect string may carry a chroot ({@code host:2181/kafka}). Not thread-safe; one
 * tool run owns it and closes it.
 */
public final class ZkSession implements AutoCloseable {

    static final int CONNECT_TIMEOUT_MS = 10_000;

    private final CuratorFramework curator;

    private ZkSession(CuratorFramework curator) {
        this.curator = curator;
    }

    /** Connects or throws a {@link ToolException} naming the address after {@link #CONNECT_TIMEOUT_MS}. */
    public static ZkSession connect(String connectString) {
        return connect(connectString, CONNECT_TIMEOUT_MS);
    }

    /** Connects or throws a {@link ToolException} naming the address after {@code timeoutMs}. */
    public static ZkSession connect(String connectString, int timeoutMs) {
        CuratorFramework curator = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs(30_000)
                .connectionTimeoutMs(timeoutMs)
                .retryPolicy(new RetryNTimes(2, 500))
                .build();
        curator.start();
        boolean connected;
        try {
            connected = curator.blockUntilConnected(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connected = false;
        }
        if (!connected) {
            curator.close();
            throw new ToolException("cannot reach ZooKeeper at " + connectString + " (no connection within "
                    + (timeoutMs >= 1000 ? timeoutMs / 1000 + " s)" : timeoutMs + " ms)"));
        }
        return new ZkSession(curator);
    }

    public Optional<String> getData(String path) {
        try {
            byte[] data = curator.getData().forPath(path);
            return Optional.of(data == null ? "" : new String(data, StandardCharsets.UTF_8));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw failure("read", path, e);
        }
    }

    /** Children of {@code path}, sorted; empty when the node does not exist. */
    public List<String> children(String path) {
        try {
            List<String> children = new ArrayList<>(curator.getChildren().forPath(path));
            children.sort(null);
            return children;
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            throw failure("list", path, e);
        }
    }

    /** The node's stat (versions, zxids, owner); empty when it does not exist. */
    public Optional<org.apache.zookeeper.data.Stat> stat(String path) {
        try {
            return Optional.ofNullable(curator.checkExists().forPath(path));
        } catch (Exception e) {
            throw failure("stat", path, e);
        }
    }

    public boolean exists(String path) {
        try {
            return curator.checkExists().forPath(path) != null;
        } catch (Exception e) {
            throw failure("check", path, e);
        }
    }

    /** Creates a persistent node (and missing parents); fails if it already exists. */
    public void create(String path, String data) {
        try {
            curator.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT)
                    .forPath(path, data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw failure("create", path, e);
        }
    }

    /** Writes the node's data, creating it (and parents) if absent. */
    public void upsert(String path, String data) {
        try {
            if (curator.checkExists().forPath(path) == null) {
                create(path, data);
            } else {
                curator.setData().forPath(path, data.getBytes(StandardCharsets.UTF_8));
            }
        } catch (ToolException e) {
            throw e;
        } catch (Exception e) {
            throw failure("write", path, e);
        }
    }

    /** The node's bytes and stat; empty when it does not exist. */
    public Optional<Versioned> read(String path) {
        try {
            org.apache.zookeeper.data.Stat stat = new org.apache.zookeeper.data.Stat();
            byte[] data = curator.getData().storingStatIn(stat).forPath(path);
            return Optional.of(new Versioned(data == null ? new byte[0] : data, stat.getVersion()));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw failure("read", path, e);
        }
    }

    /** A node's data with the version a conditional write must match. */
    public record Versioned(byte[] data, int version) {
    }

    /** Replaces the node's data if its version is still {@code expectedVersion}; false when it changed meanwhile. */
    public boolean setData(String path, byte[] data, int expectedVersion) {
        try {
            curator.setData().withVersion(expectedVersion).forPath(path, data);
            return true;
        } catch (KeeperException.BadVersionException e) {
            return false;
        } catch (Exception e) {
            throw failure("write", path, e);
        }
    }

    /**
     * Creates a topic, its config and the config change notification in one ZooKeeper transaction, the broker's
     * own ({@link TopicCreation}): nothing is written when any part fails.
     *
     * @return false when the topic already exists or a deletion of that name is unfinished
     */
    public boolean createTopic(String topic, UUID topicId, Map<Integer, List<Integer>> assignment,
                               Map<String, String> config) {
        try {
            // Brokers create these at start-up; a ZooKeeper no broker has used yet may lack them, and a
            // transaction's creates do not make parents.
            for (String parent : List.of(ZkPaths.BROKER_TOPICS, ZkPaths.CONFIG_TOPICS, ZkPaths.CONFIG_CHANGES,
                    ZkPaths.DELETE_TOPICS)) {
                if (curator.checkExists().forPath(parent) == null) {
                    try {
                        curator.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT).forPath(parent);
                    } catch (KeeperException.NodeExistsException raced) {
                        // made meanwhile by a broker or another tool
                    }
                }
            }
            curator.transaction().forOperations(TopicCreation.ops(curator, topic, topicId, assignment, config));
            return true;
        } catch (KeeperException.NodeExistsException e) {
            return false;
        } catch (Exception e) {
            throw failure("create", ZkPaths.topic(topic), e);
        }
    }

    private static ToolException failure(String action, String path, Exception e) {
        return new ToolException("ZooKeeper: cannot " + action + " " + path + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        curator.close();
    }
}
