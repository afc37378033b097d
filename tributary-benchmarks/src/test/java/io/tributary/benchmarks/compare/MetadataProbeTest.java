package io.tributary.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class MetadataProbeTest {

    private static final long DEADLINE = TimeUnit.SECONDS.toNanos(5);

    @Test
    void aMetadataV1AnswerListingABrokerCountsAsServed() throws Exception {
        try (ServerSocket server = loopbackServer()) {
            CompletableFuture<short[]> seen = CompletableFuture.supplyAsync(() -> answer(server, 1));

            boolean served = new MetadataProbe("127.0.0.1", server.getLocalPort())
                    .askOnce(System.nanoTime() + DEADLINE);

            assertThat(served).isTrue();
            assertThat(seen.get(5, TimeUnit.SECONDS)).containsExactly((short) 3, (short) 1);
        }
    }

    @Test
    void anAnswerWithNoBrokersOrNoListenerIsNotServed() throws Exception {
        int port;
        try (ServerSocket server = loopbackServer()) {
            port = server.getLocalPort();
            CompletableFuture.supplyAsync(() -> answer(server, 0));
            assertThat(new MetadataProbe("127.0.0.1", port).askOnce(System.nanoTime() + DEADLINE)).isFalse();
        }
        assertThat(new MetadataProbe("127.0.0.1", port).askOnce(System.nanoTime() + DEADLINE)).isFalse();
    }

    private static ServerSocket loopbackServer() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    /** Reads one request, answers with a Metadata v1 response listing {@code brokers} brokers. */
    private static short[] answer(ServerSocket server, int brokers) {
        try (Socket s = server.accept()) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] request = new byte[in.readInt()];
            in.readFully(request);
            short apiKey = (short) (((request[0] & 0xff) << 8) | (request[1] & 0xff));
            short version = (short) (((request[2] & 0xff) << 8) | (request[3] & 0xff));
            int correlation = ((request[4] & 0xff) << 24) | ((request[5] & 0xff) << 16)
                    | ((request[6] & 0xff) << 8) | (request[7] & 0xff);
            // The whole answer in one write: the probe closes once it has read the broker count, and a write
            // still pending then would fail with a broken pipe.
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(answer);
            byte[] host = "127.0.0.1".getBytes();
            int size = 4 + 4 + brokers * (4 + 2 + host.length + 4 + 2) + 4 + 4;
            out.writeInt(size);
            out.writeInt(correlation);
            out.writeInt(brokers);
            for (int b = 0; b < brokers; b++) {
                out.writeInt(b);
                out.writeShort(host.length);
                out.write(host);
                out.writeInt(9092);
                out.writeShort(-1);
            }
            out.writeInt(0);
            out.writeInt(0);
            s.getOutputStream().write(answer.toByteArray());
            s.getOutputStream().flush();
            return new short[] {apiKey, version};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
