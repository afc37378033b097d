package io.tributary.benchmarks.compare;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Asks a broker for Metadata over a raw socket, the cheapest possible client, so "cold start" measures the
 * broker and not a client library's own start-up and reconnect back-off. It sends Metadata v1 (header v1,
 * an empty topic list: brokers only), a version every Kafka release from 0.10 to 4.x and every client
 * generation Tributary serves understands, and counts as "served" a response that carries our correlation
 * id and at least one broker. Not thread-safe; one probe per start.
 */
public final class MetadataProbe {

    private static final short METADATA_API_KEY = 3;
    private static final short METADATA_VERSION = 1;
    private static final byte[] CLIENT_ID = "tributary-bench-probe".getBytes(StandardCharsets.UTF_8);
    private static final long RETRY_PAUSE_MS = 10;

    private final InetSocketAddress address;
    private int correlationId;

    public MetadataProbe(String host, int port) {
        this.address = new InetSocketAddress(host, port);
    }

    /**
     * Polls until the broker answers or the deadline passes or {@code process} exits.
     *
     * @return true once a Metadata response listing a broker arrived
     */
    public boolean awaitFirstAnswer(long deadlineNanos, ProcessTree process) throws InterruptedException {
        while (System.nanoTime() < deadlineNanos && process.isAlive()) {
            if (askOnce(deadlineNanos)) {
                return true;
            }
            Thread.sleep(RETRY_PAUSE_MS);
        }
        return false;
    }

    /** One connection, one request; false on refusal, EOF or an answer that lists no broker. */
    boolean askOnce(long deadlineNanos) {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(address, 200);
            // A broker may accept connections before it serves them; wait for the answer, not a new socket.
            socket.setSoTimeout((int) Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
            int expected = ++correlationId;
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.write(request(expected));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            if (size < 12) {
                return false;
            }
            int correlation = in.readInt();
            int brokers = in.readInt();
            return correlation == expected && brokers > 0;
        } catch (IOException notYet) {
            // Refused, reset, closed or timed out: the broker is not serving yet.
            return false;
        }
    }

    static byte[] request(int correlationId) {
        int body = 2 + 2 + 4 + 2 + CLIENT_ID.length + 4;
        ByteBuffer buf = ByteBuffer.allocate(4 + body);
        buf.putInt(body);
        buf.putShort(METADATA_API_KEY);
        buf.putShort(METADATA_VERSION);
        buf.putInt(correlationId);
        buf.putShort((short) CLIENT_ID.length);
        buf.put(CLIENT_ID);
        buf.putInt(0); // topics: empty array = none, so the answer is just the broker list
        return buf.array();
    }
}
