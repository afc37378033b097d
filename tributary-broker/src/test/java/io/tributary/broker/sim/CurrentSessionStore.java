package io.tributary.broker.sim;

import io.tributary.broker.cluster.ClusterStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link ClusterStore} that always talks through the broker's current session, as a Curator
 * client does after it replaced an expired ZooKeeper session: a call on the expired one fails,
 * later calls go to the new one.
 */
final class CurrentSessionStore implements ClusterStore {

    private final Supplier<? extends ClusterStore> current;

    CurrentSessionStore(Supplier<? extends ClusterStore> current) {
        this.current = current;
    }

    @Override
    public long sessionId() {
        return current.get().sessionId();
    }

    @Override
    public Optional<Node> read(String path) {
        return current.get().read(path);
    }

    @Override
    public List<String> children(String path) {
        return current.get().children(path);
    }

    @Override
    public int create(String path, byte[] data, boolean ephemeral) {
        return current.get().create(path, data, ephemeral);
    }

    @Override
    public int setData(String path, byte[] data, int expectedVersion) {
        return current.get().setData(path, data, expectedVersion);
    }

    @Override
    public void delete(String path, int expectedVersion) {
        current.get().delete(path, expectedVersion);
    }

    @Override
    public void multi(List<Op> ops) {
        current.get().multi(ops);
    }

    @Override
    public AutoCloseable watch(String root, ChangeListener listener) {
        return current.get().watch(root, listener);
    }

    @Override
    public void close() {
    }
}
