package io.tributary.broker.cluster;

import io.tributary.broker.cluster.ClusterStore.Check;
import io.tributary.broker.cluster.ClusterStore.ChangeListener;
import io.tributary.broker.cluster.ClusterStore.Create;
import io.tributary.broker.cluster.ClusterStore.Delete;
import io.tributary.broker.cluster.ClusterStore.Node;
import io.tributary.broker.cluster.ClusterStore.Op;
import io.tributary.broker.cluster.ClusterStore.SetData;
import io.tributary.broker.cluster.ClusterStoreException.Code;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A ZooKeeper server in memory, for tests: one tree of znodes shared by the sessions
 * {@link #connect() connected} to it, with ZooKeeper's semantics for versions, conditional writes,
 * multi-op transactions, ephemeral nodes owned by a session, and session expiry (which deletes the
 * session's ephemeral nodes and fails every later call of that session with SESSION_EXPIRED).
 *
 * <p>Watches fire synchronously, after the change and outside the tree's lock, strictly in the
 * order changes were made (one delivery queue for the whole ensemble), so a single-threaded test
 * sees exactly the order a ZooKeeper client would.
 *
 * <p>Threading: thread-safe; every operation is atomic under the ensemble's monitor.
 */
public final class InMemoryEnsemble {

    private record Stored(byte[] data, int version, long czxid, long owner) {
    }

    private record Watch(String root, ChangeListener listener) {
    }

    private final TreeMap<String, Stored> nodes = new TreeMap<>();
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private final Map<Long, Boolean> sessions = new java.util.HashMap<>();
    private final Deque<String> undelivered = new ArrayDeque<>();
    private final Object delivery = new Object();
    private long zxid;
    private long nextSession = 1;

    public InMemoryEnsemble() {
        nodes.put("/", new Stored(new byte[0], 0, 0, 0));
    }

    /** A new session on this ensemble. */
    public synchronized InMemoryClusterStore connect() {
        long id = nextSession++;
        sessions.put(id, true);
        return new InMemoryClusterStore(this, id);
    }

    /** Expires a session as ZooKeeper would after its timeout: its ephemeral nodes go, its calls fail. */
    public void expire(long sessionId) {
        synchronized (this) {
            if (sessions.put(sessionId, false) == null) {
                sessions.remove(sessionId);
                return;
            }
            List<String> owned = new ArrayList<>();
            nodes.forEach((path, node) -> {
                if (node.owner == sessionId) {
                    owned.add(path);
                }
            });
            for (String path : owned) {
                nodes.remove(path);
                zxid++;
                undelivered.add(path);
            }
        }
        deliver();
    }

    /** Closing a session removes its ephemeral nodes at once, like a clean ZooKeeper close. */
    void close(long sessionId) {
        expire(sessionId);
    }

    synchronized boolean isLive(long sessionId) {
        return Boolean.TRUE.equals(sessions.get(sessionId));
    }

    synchronized Optional<Node> read(long session, String path) {
        requireLive(session);
        Stored node = nodes.get(path);
        return node == null ? Optional.empty()
                : Optional.of(new Node(path, node.data.clone(), node.version, node.czxid, node.owner));
    }

    synchronized List<String> children(long session, String path) {
        requireLive(session);
        if (!nodes.containsKey(path)) {
            throw new ClusterStoreException(Code.NO_NODE, path);
        }
        return childrenOf(nodes, path);
    }

    private static List<String> childrenOf(TreeMap<String, Stored> tree, String path) {
        String prefix = path.equals("/") ? "/" : path + "/";
        List<String> names = new ArrayList<>();
        for (String candidate : tree.tailMap(prefix, false).keySet()) {
            if (!candidate.startsWith(prefix)) {
                break;
            }
            String rest = candidate.substring(prefix.length());
            if (!rest.isEmpty() && rest.indexOf('/') < 0) {
                names.add(rest);
            }
        }
        return names;
    }

    /** Applies the operations to a copy of the tree and swaps it in only if every one succeeded. */
    List<Integer> apply(long session, List<Op> ops) {
        List<Integer> versions = new ArrayList<>();
        synchronized (this) {
            requireLive(session);
            TreeMap<String, Stored> copy = ops.size() == 1 ? nodes : new TreeMap<>(nodes);
            long nextZxid = zxid;
            List<String> changed = new ArrayList<>();
            for (Op op : ops) {
                validatePath(op.path());
                nextZxid++;
                versions.add(applyOne(copy, op, session, nextZxid, changed));
            }
            if (copy != nodes) {
                nodes.clear();
                nodes.putAll(copy);
            }
            zxid = nextZxid;
            undelivered.addAll(changed);
        }
        deliver();
        return versions;
    }

    private static int applyOne(TreeMap<String, Stored> tree, Op op, long session, long zxid, List<String> changed) {
        String path = op.path();
        Stored existing = tree.get(path);
        if (op instanceof Create create) {
            if (existing != null) {
                throw new ClusterStoreException(Code.NODE_EXISTS, path);
            }
            Stored parent = tree.get(parentOf(path));
            if (parent == null) {
                throw new ClusterStoreException(Code.NO_NODE, "parent of " + path);
            }
            if (parent.owner != 0) {
                throw new ClusterStoreException(Code.OTHER, "ephemeral nodes have no children: " + path);
            }
            tree.put(path, new Stored(bytes(create.data()), 0, zxid, create.ephemeral() ? session : 0));
            changed.add(path);
            return 0;
        }
        if (op instanceof SetData set) {
            Stored node = existingMatching(existing, path, set.expectedVersion());
            tree.put(path, new Stored(bytes(set.data()), node.version + 1, node.czxid, node.owner));
            changed.add(path);
            return node.version + 1;
        }
        if (op instanceof Delete delete) {
            existingMatching(existing, path, delete.expectedVersion());
            if (!childrenOf(tree, path).isEmpty()) {
                throw new ClusterStoreException(Code.NOT_EMPTY, path);
            }
            tree.remove(path);
            changed.add(path);
            return -1;
        }
        return existingMatching(existing, path, ((Check) op).expectedVersion()).version;
    }

    private static Stored existingMatching(Stored node, String path, int expectedVersion) {
        if (node == null) {
            throw new ClusterStoreException(Code.NO_NODE, path);
        }
        if (expectedVersion != ClusterStore.ANY_VERSION && expectedVersion != node.version) {
            throw new ClusterStoreException(Code.BAD_VERSION, path + " is at version " + node.version + ", not "
                    + expectedVersion);
        }
        return node;
    }

    AutoCloseable watch(String root, ChangeListener listener) {
        Watch watch = new Watch(root, listener);
        watches.add(watch);
        return () -> watches.remove(watch);
    }

    /** Delivers queued changes in order; a change made by a listener is delivered after the current one. */
    private void deliver() {
        synchronized (delivery) {
            while (true) {
                String path;
                synchronized (this) {
                    path = undelivered.poll();
                }
                if (path == null) {
                    return;
                }
                for (Watch watch : watches) {
                    if (path.equals(watch.root) || path.startsWith(watch.root.equals("/") ? "/" : watch.root + "/")) {
                        watch.listener.onChange(path);
                    }
                }
            }
        }
    }

    private void requireLive(long session) {
        if (!Boolean.TRUE.equals(sessions.get(session))) {
            throw new ClusterStoreException(Code.SESSION_EXPIRED, "session 0x" + Long.toHexString(session));
        }
    }

    private static void validatePath(String path) {
        if (path.isEmpty() || path.charAt(0) != '/' || (path.length() > 1 && path.endsWith("/")) || path.contains("//")) {
            throw new IllegalArgumentException("Invalid znode path: '" + path + "'");
        }
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    private static byte[] bytes(byte[] data) {
        return data == null ? new byte[0] : data.clone();
    }
}
