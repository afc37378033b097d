package io.tributary.broker.cluster;

import java.util.List;
import java.util.Optional;

/**
 * One session on an {@link InMemoryEnsemble}. Thread-safe; see the ensemble for the semantics.
 */
public final class InMemoryClusterStore implements ClusterStore {

    private final InMemoryEnsemble ensemble;
    private final long sessionId;

    InMemoryClusterStore(InMemoryEnsemble ensemble, long sessionId) {
        this.ensemble = ensemble;
        this.sessionId = sessionId;
    }

    @Override
    public long sessionId() {
        return sessionId;
    }

    /** Whether the session is still alive (not expired or closed). */
    public boolean isLive() {
        return ensemble.isLive(sessionId);
    }

    @Override
    public Optional<Node> read(String path) {
        return ensemble.read(sessionId, path);
    }

    @Override
    public List<String> children(String path) {
        return ensemble.children(sessionId, path);
    }

    @Override
    public int create(String path, byte[] data, boolean ephemeral) {
        return ensemble.apply(sessionId, List.of(new Create(path, data, ephemeral))).get(0);
    }

    @Override
    public int setData(String path, byte[] data, int expectedVersion) {
        return ensemble.apply(sessionId, List.of(new SetData(path, data, expectedVersion))).get(0);
    }

    @Override
    public void delete(String path, int expectedVersion) {
        ensemble.apply(sessionId, List.of(new Delete(path, expectedVersion)));
    }

    @Override
    public void multi(List<Op> ops) {
        ensemble.apply(sessionId, ops);
    }

    @Override
    public AutoCloseable watch(String root, ChangeListener listener) {
        return ensemble.watch(root, listener);
    }

    @Override
    public void close() {
        ensemble.close(sessionId);
    }
}
