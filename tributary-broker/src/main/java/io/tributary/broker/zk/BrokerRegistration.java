package io.tributary.broker.zk;

import io.tributary.broker.config.Listeners.Endpoint;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this broker's ephemeral {@code /brokers/ids/<id>} in ZooKeeper for as long as the broker runs. The znode
 * dies with the ZooKeeper session, and a session also expires under a live broker (a long pause, a network
 * partition); the controller then counts the broker as dead. When the client reconnects, with the old session
 * or a new one, the registration is checked and created again, so the broker comes back into the cluster instead
 * of running on unseen, never elected and evicted from every ISR.
 *
 * <p>Threading: the initial {@link #register()} runs on the caller's thread; re-registrations run one at a time
 * on this object's own thread, never on Curator's event thread, because they may wait for the old session's
 * znode to disappear.
 */
public final class BrokerRegistration implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerRegistration.class);

    private final KafkaZkClient zk;
    private final int brokerId;
    private final List<Endpoint> endpoints;
    private final long waitMs;
    private final ExecutorService thread;
    private final ConnectionStateListener listener = this::onConnectionState;
    private volatile boolean closed;

    public BrokerRegistration(KafkaZkClient zk, int brokerId, List<Endpoint> endpoints, long waitMs) {
        this.zk = zk;
        this.brokerId = brokerId;
        this.endpoints = List.copyOf(endpoints);
        this.waitMs = waitMs;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "broker-registration");
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers now (removing a stale registration at once if {@code removeStale}), then watches the session. */
    public void register(boolean removeStale) throws Exception {
        zk.registerBroker(brokerId, endpoints, null, removeStale, waitMs);
        zk.curator().getConnectionStateListenable().addListener(listener);
    }

    private void onConnectionState(CuratorFramework client, ConnectionState state) {
        if (state == ConnectionState.RECONNECTED && !closed) {
            thread.execute(this::reregister);
        }
    }

    private void reregister() {
        if (closed) {
            return;
        }
        try {
            zk.registerBroker(brokerId, endpoints, null, false, waitMs);
            log.info("Broker {} registration checked after a ZooKeeper reconnection", brokerId);
        } catch (Exception e) {
            log.error("Broker {} could not register again after a ZooKeeper reconnection", brokerId, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        zk.curator().getConnectionStateListenable().removeListener(listener);
        thread.shutdownNow();
    }
}
