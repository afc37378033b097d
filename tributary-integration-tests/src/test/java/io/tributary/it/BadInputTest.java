package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.EmbeddedBroker;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile bytes on one connection close that connection (or get the protocol's answer) and nothing else: a normal
 * producer on its own connection is acknowledged after every bad frame. A bad config value stops start-up with
 * the key's name.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputTest {

    private static final int REQUEST_MAX_BYTES = 1024 * 1024;
    private static final short UNSUPPORTED_VERSION = 35;

    private static EmbeddedBroker broker;
    private static KafkaProducer<String, String> producer;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedBroker.start(Map.of("socket.request.max.bytes", String.valueOf(REQUEST_MAX_BYTES)));
        Clients.createTopic(broker.bootstrapServers(), "healthy", 1);
        producer = Clients.stringProducer(broker.bootstrapServers(), Map.of("acks", "all"));
        assertProducerStillServed();
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void frameLargerThanSocketRequestMaxBytesClosesTheConnection() throws Exception {
        try (Socket socket = connect()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(REQUEST_MAX_BYTES + 1);
            out.write(new byte[64]);
            out.flush();
            assertClosedByBroker(socket);
        }
        assertProducerStillServed();
    }

    @Test
    void garbageProduceBodyClosesTheConnection() throws Exception {
        byte[] garbage = "this is not a produce request body at all".getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = connect()) {
            send(socket, request((short) 0, (short) 7, 1, garbage));
            assertClosedByBroker(socket);
        }
        assertProducerStillServed();
    }

    @Test
    void frameTooShortForARequestHeaderClosesTheConnection() throws Exception {
        try (Socket socket = connect()) {
            send(socket, new byte[] {0, 3});
            assertClosedByBroker(socket);
        }
        assertProducerStillServed();
    }

    @Test
    void unknownApiKeyClosesTheConnection() throws Exception {
        try (Socket socket = connect()) {
            send(socket, request((short) 999, (short) 0, 7, new byte[0]));
            assertClosedByBroker(socket);
        }
        assertProducerStillServed();
    }

    @Test
    void unsupportedMetadataVersionClosesTheConnection() throws Exception {
        try (Socket socket = connect()) {
            send(socket, request((short) 3, (short) 999, 8, new byte[0]));
            assertClosedByBroker(socket);
        }
        assertProducerStillServed();
    }

    @Test
    void unsupportedApiVersionsVersionGetsAVersionZeroUnsupportedVersionAnswer() throws Exception {
        try (Socket socket = connect()) {
            // A version this new is flexible: header v2, so an empty tagged-field section follows the client id.
            send(socket, request((short) 18, (short) 999, 42, new byte[] {0}));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            byte[] body = new byte[size];
            in.readFully(body);
            ByteBuffer response = ByteBuffer.wrap(body);
            assertThat(response.getInt()).as("correlation id").isEqualTo(42);
            assertThat(response.getShort()).as("error code").isEqualTo(UNSUPPORTED_VERSION);
            int apiCount = response.getInt();
            assertThat(apiCount).as("ApiVersions v0 lists the supported APIs").isPositive();
        }
        assertProducerStillServed();
    }

    @Test
    void badConfigValueStopsBrokerMainWithAMessageNamingTheKey() throws Exception {
        Path properties = tmp.resolve("server.properties");
        Files.writeString(properties, "listeners=PLAINTEXT://127.0.0.1:0\nembedded.zookeeper.port=0\nlog.dirs=" + tmp.resolve("logs") + "\n");
        Path output = tmp.resolve("broker.out");
        Process process = new ProcessBuilder(RequirementsProducerProgramTest.javaBinary(), "-cp",
                System.getProperty("java.class.path"), "io.tributary.broker.server.BrokerMain", properties.toString(),
                "--override", "num.partitions=abc")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("BrokerMain did not exit on a bad config value: " + Files.readString(output));
        }
        String printed = Files.readString(output);
        assertThat(process.exitValue()).as(printed).isNotZero();
        assertThat(printed).contains("num.partitions").contains("abc");
    }

    @Test
    void takenEmbeddedZooKeeperPortStopsBrokerMainWithOneLineNamingThePortAndTheKey() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Path properties = tmp.resolve("embedded-port.properties");
            Files.writeString(properties, "listeners=PLAINTEXT://127.0.0.1:0\nlog.dirs=" + tmp.resolve("logs-zk")
                    + "\nembedded.zookeeper.port=" + port + "\n");
            Process process = new ProcessBuilder(RequirementsProducerProgramTest.javaBinary(), "-cp",
                    System.getProperty("java.class.path"), "io.tributary.broker.server.BrokerMain", properties.toString())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("embedded-port.out").toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("BrokerMain did not exit although the port was taken");
            }
            String printed = Files.readString(tmp.resolve("embedded-port.out"));
            assertThat(process.exitValue()).as(printed).isEqualTo(1);
            assertThat(printed.lines().filter(l -> l.contains("Broker failed to start"))).containsExactly(
                    "Broker failed to start: Port 127.0.0.1:" + port + " for the embedded ZooKeeper is in use; set "
                            + "embedded.zookeeper.port to a free port (0 picks one), or zookeeper.connect=127.0.0.1:"
                            + port + " to use the ZooKeeper running there");
            assertThat(printed).doesNotContain("\tat "); // no stack trace
        }
    }

    private static void assertProducerStillServed() throws Exception {
        assertThat(producer.send(new ProducerRecord<>("healthy", "k", "v")).get(20, TimeUnit.SECONDS).offset())
                .isNotNegative();
    }

    private static Socket connect() throws IOException {
        String[] hostPort = broker.bootstrapServers().split(":");
        Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** A size-prefixed request with header v1: api key, version, correlation id, client id "bad-input". */
    private static byte[] request(short apiKey, short version, int correlationId, byte[] body) {
        byte[] clientId = "bad-input".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer frame = ByteBuffer.allocate(2 + 2 + 4 + 2 + clientId.length + body.length);
        frame.putShort(apiKey).putShort(version).putInt(correlationId)
                .putShort((short) clientId.length).put(clientId).put(body);
        return frame.array();
    }

    private static void send(Socket socket, byte[] frameBody) throws IOException {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(frameBody.length);
        out.write(frameBody);
        out.flush();
    }

    /** The broker must close the connection without answering: EOF or a reset, never a response, within 10 s. */
    private static void assertClosedByBroker(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            int read = in.read();
            assertThat(read).as("connection closed by the broker, no bytes answered").isEqualTo(-1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("broker neither answered nor closed the connection within 10 s", e);
        } catch (EOFException | java.net.SocketException reset) {
            // A reset is a close too.
        }
    }
}
