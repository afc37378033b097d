package io.tributary.broker.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.broker.cluster.ClusterStore.Check;
import io.tributary.broker.cluster.ClusterStore.Create;
import io.tributary.broker.cluster.ClusterStore.Delete;
import io.tributary.broker.cluster.ClusterStore.SetData;
import io.tributary.broker.cluster.ClusterStoreException.Code;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The semantics every {@link ClusterStore} must have, run against the in-memory store and a real
 * (embedded) ZooKeeper, so tests that use the in-memory one learn nothing ZooKeeper would not do.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class ClusterStoreContract {

    /** A new session on the same store as every other session of this test. */
    abstract ClusterStore newSession() throws Exception;

    /** Ends the session as its death would (expiry, or a close, which ZooKeeper treats alike for ephemerals). */
    abstract void endSession(ClusterStore session) throws Exception;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void versionsStartAtZeroAndEveryWriteAddsOne() throws Exception {
        ClusterStore store = newSession();
        assertEquals(0, store.create("/v", bytes("a"), false));
        assertEquals(1, store.setData("/v", bytes("b"), 0));
        assertEquals(2, store.setData("/v", bytes("c"), ClusterStore.ANY_VERSION));
        assertEquals(2, store.read("/v").orElseThrow().version());
        assertArrayEquals(bytes("c"), store.read("/v").orElseThrow().data());
    }

    @Test
    void staleConditionalWriteFailsAndKeepsTheNewerData() throws Exception {
        ClusterStore store = newSession();
        store.create("/stale", bytes("a"), false);
        store.setData("/stale", bytes("b"), 0);
        ClusterStoreException failed = assertThrows(ClusterStoreException.class, () -> store.setData("/stale", bytes("x"), 0));
        assertEquals(Code.BAD_VERSION, failed.code());
        assertArrayEquals(bytes("b"), store.read("/stale").orElseThrow().data());
        assertEquals(Code.BAD_VERSION, assertThrows(ClusterStoreException.class, () -> store.delete("/stale", 0)).code());
        assertTrue(store.read("/stale").isPresent());
    }

    @Test
    void createFailsWhenTheNodeExistsOrItsParentDoesNot() throws Exception {
        ClusterStore store = newSession();
        store.create("/exists", bytes("a"), false);
        assertEquals(Code.NODE_EXISTS, assertThrows(ClusterStoreException.class,
                () -> store.create("/exists", bytes("b"), false)).code());
        assertEquals(Code.NO_NODE, assertThrows(ClusterStoreException.class,
                () -> store.create("/missing/child", bytes("b"), false)).code());
        assertEquals(Code.NO_NODE, assertThrows(ClusterStoreException.class,
                () -> store.setData("/missing", bytes("b"), ClusterStore.ANY_VERSION)).code());
        assertTrue(store.read("/missing").isEmpty());
    }

    @Test
    void deletingANodeWithChildrenFails() throws Exception {
        ClusterStore store = newSession();
        store.create("/parent", bytes(""), false);
        store.create("/parent/b", bytes(""), false);
        store.create("/parent/a", bytes(""), false);
        assertEquals(List.of("a", "b"), store.children("/parent"));
        assertEquals(Code.NOT_EMPTY, assertThrows(ClusterStoreException.class,
                () -> store.delete("/parent", ClusterStore.ANY_VERSION)).code());
        store.delete("/parent/a", 0);
        store.delete("/parent/b", ClusterStore.ANY_VERSION);
        store.delete("/parent", 0);
        assertTrue(store.read("/parent").isEmpty());
    }

    @Test
    void transactionAppliesEveryOperationOrNone() throws Exception {
        ClusterStore store = newSession();
        store.create("/fence", bytes("1"), false);
        store.setData("/fence", bytes("2"), 0);
        ClusterStoreException failed = assertThrows(ClusterStoreException.class, () -> store.multi(List.of(
                new Create("/txn", bytes("x"), false), new Check("/fence", 0))));
        assertEquals(Code.BAD_VERSION, failed.code());
        assertTrue(store.read("/txn").isEmpty(), "the create before the failing check must be undone");

        store.multi(List.of(new Check("/fence", 1), new Create("/txn", bytes("x"), false),
                new Create("/txn/child", bytes("y"), false), new SetData("/fence", bytes("3"), 1)));
        assertEquals(2, store.read("/fence").orElseThrow().version());
        assertTrue(store.read("/txn/child").isPresent());

        store.multi(List.of(new Delete("/txn/child", 0), new Delete("/txn", 0)));
        assertTrue(store.read("/txn").isEmpty());
    }

    @Test
    void ephemeralNodeBelongsToItsSessionAndGoesWithIt() throws Exception {
        ClusterStore owner = newSession();
        ClusterStore other = newSession();
        owner.create("/eph", bytes("me"), true);
        assertEquals(owner.sessionId(), other.read("/eph").orElseThrow().ephemeralOwner());
        assertEquals(Code.NODE_EXISTS, assertThrows(ClusterStoreException.class,
                () -> other.create("/eph", bytes("you"), true)).code());
        other.create("/persistent", bytes(""), false);
        assertEquals(0, other.read("/persistent").orElseThrow().ephemeralOwner());

        endSession(owner);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (other.read("/eph").isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(other.read("/eph").isPresent(), "an ended session's ephemeral node must disappear");
        other.create("/eph", bytes("you"), true);
        assertEquals(other.sessionId(), other.read("/eph").orElseThrow().ephemeralOwner());
    }

    @Test
    void watchSeesEveryChangeUnderItsRootInOrder() throws Exception {
        ClusterStore store = newSession();
        store.create("/w", bytes(""), false);
        List<String> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable watch = store.watch("/w", seen::add)) {
            // A cache first reports what exists; once it reports this marker, every later event is a change.
            store.create("/w/ready", bytes(""), false);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!seen.contains("/w/ready") && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            seen.clear();
            store.create("/w/a", bytes("1"), false);
            awaitSize(seen, 1);
            store.setData("/w/a", bytes("2"), 0);
            awaitSize(seen, 2);
            store.create("/elsewhere", bytes(""), false);
            store.delete("/w/a", 1);
            awaitSize(seen, 3);
            assertEquals(List.of("/w/a", "/w/a", "/w/a"), List.copyOf(seen));
        }
    }

    private static void awaitSize(List<String> seen, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
