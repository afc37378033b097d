package io.tributary.tools.zk;

import io.tributary.tools.ToolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    private static ToolException failure(String action, String path, Exception e) {
        return new ToolException("ZooKeeper: cannot " + action + " " + path + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        curator.close();
    }
}
