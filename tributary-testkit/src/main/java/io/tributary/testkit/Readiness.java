package io.tributary.testkit;

import io.tributary.common.Time;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Bounded waits for a broker to become usable: first its port accepts TCP connections, then a Metadata
 * request (through a real Admin client) answers with at least one broker. Stateless; safe from any thread.
 */
public final class Readiness {

    private static final long POLL_MS = 50;

    private Readiness() {
    }

    /** Waits until {@code host:port} accepts a connection and Metadata answers; throws on timeout or if {@code alive} turns false. */
    public static void awaitServing(String host, int port, Duration timeout, BooleanSupplier alive) {
        long deadline = Time.SYSTEM.hiResMilliseconds() + timeout.toMillis();
        awaitUntil(deadline, alive, "port " + host + ":" + port + " to accept connections", () -> accepts(host, port));
        awaitUntil(deadline, alive, "Metadata from " + host + ":" + port, () -> metadataAnswers(host + ":" + port, deadline));
    }

    private static void awaitUntil(long deadline, BooleanSupplier alive, String what, BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException("broker died while waiting for " + what);
            }
            if (Time.SYSTEM.hiResMilliseconds() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            sleep(POLL_MS);
        }
    }

    static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean metadataAnswers(String bootstrap, long deadline) {
        long remaining = Math.max(1000, deadline - Time.SYSTEM.hiResMilliseconds());
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(remaining, 5000),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(remaining, 5000));
        try (Admin admin = Admin.create(config)) {
            return !admin.describeCluster().nodes().get(remaining, TimeUnit.MILLISECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a broker", e);
        }
    }
}
