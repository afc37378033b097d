package io.tributary.broker.cluster;

import java.util.List;
import java.util.Optional;

/**
 * What the broker does with ZooKeeper, as one client session sees it: znodes with data and a
 * version, versioned conditional writes, all-or-nothing multi-op transactions, ephemeral nodes
 * that live as long as this session, and watches on subtrees. {@link CuratorClusterStore} is the
 * production implementation; {@link InMemoryClusterStore} gives tests the same semantics without
 * a server (checked by {@code ClusterStoreContractTest} against both).
 *
 * <p>Versions follow ZooKeeper: a new node has version 0, each setData adds 1, and
 * {@link #ANY_VERSION} matches every version. Failures are {@link ClusterStoreException}s whose
 * {@link ClusterStoreException.Code} says which precondition failed.
 *
 * <p>Threading: implementations are thread-safe; every call is a blocking round trip, so none is
 * made from a network thread.
 */
public interface ClusterStore extends AutoCloseable {

    int ANY_VERSION = -1;

    /** A znode as read: its data, its version, the id of the transaction that created it and its ephemeral owner (0 if persistent). */
    record Node(String path, byte[] data, int version, long czxid, long ephemeralOwner) {
    }

    /** One operation of a {@link #multi} transaction. */
    sealed interface Op {
        String path();
    }

    record Create(String path, byte[] data, boolean ephemeral) implements Op {
    }

    record SetData(String path, byte[] data, int expectedVersion) implements Op {
    }

    record Delete(String path, int expectedVersion) implements Op {
    }

    record Check(String path, int expectedVersion) implements Op {
    }

    /** Told, in the order the changes happened, that something under a watched root changed. */
    @FunctionalInterface
    interface ChangeListener {
        void onChange(String path);
    }

    /** The id of this store's session; ephemeral nodes it creates carry it as their owner. */
    long sessionId();

    /** The node at {@code path}, empty if there is none. */
    Optional<Node> read(String path);

    /** The names of {@code path}'s children, sorted; fails with NO_NODE if {@code path} does not exist. */
    List<String> children(String path);

    /** Creates a node whose parent exists; returns its version (0). NODE_EXISTS / NO_NODE (parent) otherwise. */
    int create(String path, byte[] data, boolean ephemeral);

    /** Replaces a node's data if its version matches; returns the new version. BAD_VERSION / NO_NODE otherwise. */
    int setData(String path, byte[] data, int expectedVersion);

    /** Deletes a childless node if its version matches. BAD_VERSION / NO_NODE / NOT_EMPTY otherwise. */
    void delete(String path, int expectedVersion);

    /** Applies every operation or none: the first that fails fails the whole transaction with its code. */
    void multi(List<Op> ops);

    /**
     * Calls {@code listener} after every change (create, set, delete, ephemeral removal) at or under
     * {@code root}, in the order the changes were made. The listener must not block.
     */
    AutoCloseable watch(String root, ChangeListener listener);

    /** Every node at or under {@code root}, parents before children; empty when {@code root} does not exist. */
    default List<Node> tree(String root) {
        List<Node> result = new java.util.ArrayList<>();
        collect(root, result);
        return result;
    }

    private void collect(String path, List<Node> into) {
        Optional<Node> node = read(path);
        if (node.isEmpty()) {
            return;
        }
        into.add(node.get());
        List<String> names;
        try {
            names = children(path);
        } catch (ClusterStoreException e) {
            return; // deleted between the two reads
        }
        for (String child : names) {
            collect(path.equals("/") ? "/" + child : path + "/" + child, into);
        }
    }

    @Override
    void close();
}
