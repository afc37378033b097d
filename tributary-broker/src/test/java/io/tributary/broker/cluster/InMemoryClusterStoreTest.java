package io.tributary.broker.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InMemoryClusterStoreTest extends ClusterStoreContract {

    private final InMemoryEnsemble ensemble = new InMemoryEnsemble();

    @Override
    ClusterStore newSession() {
        return ensemble.connect();
    }

    @Override
    void endSession(ClusterStore session) {
        ensemble.expire(session.sessionId());
    }

    @Test
    void expiredSessionFailsEveryLaterCall() {
        ClusterStore store = newSession();
        ensemble.expire(store.sessionId());
        assertEquals(ClusterStoreException.Code.SESSION_EXPIRED,
                assertThrows(ClusterStoreException.class, () -> store.read("/")).code());
        assertEquals(ClusterStoreException.Code.SESSION_EXPIRED,
                assertThrows(ClusterStoreException.class, () -> store.create("/x", new byte[0], false)).code());
    }
}
