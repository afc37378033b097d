package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.compress.CompressionType;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.Struct;
import io.tributary.testkit.EmbeddedBroker;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hostile producer on a raw socket against one in-process broker: pipelined requests followed by a garbage
 * frame are all answered, in order, before the close, and nothing sent after the garbage is appended; codec ids
 * that name no codec are answered UNSUPPORTED_COMPRESSION_TYPE on a connection that stays open; decompression
 * bombs on a delete and a compacted topic are answered INVALID_RECORD within seconds, append nothing, and leave
 * the broker's heap (this JVM's) where it was.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileProduceTest {

    private static final short PRODUCE_VERSION = 8;
    private static final short INVALID_RECORD = 87;
    private static final short UNSUPPORTED_COMPRESSION_TYPE = 76;
    private static final long MIB = 1024 * 1024;

    private static EmbeddedBroker broker;
    private static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedBroker.start(Map.of());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        admin.createTopics(List.of(new NewTopic("pipelined", 1, (short) 1), new NewTopic("codecs", 1, (short) 1),
                new NewTopic("bombs", 1, (short) 1),
                new NewTopic("compacted-bombs", 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                .all().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyPipelinedProduceBeforeAGarbageFrameIsAnsweredInOrderAndNothingAfterItIsAppended() throws Exception {
        int owed = 300;
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < owed; i++) {
            wire.writeBytes(produceFrame(i, "pipelined", validBatch("owed-" + i)));
        }
        wire.writeBytes(frame(new byte[] {0, 3})); // too short for a request header
        for (int i = 0; i < 50; i++) {
            wire.writeBytes(produceFrame(owed + 1 + i, "pipelined", validBatch("after-" + i)));
        }
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(wire.toByteArray()); // one write: the broker sees them back to back
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (int i = 0; i < owed; i++) {
                Struct response = readProduceResponse(in, i);
                assertThat(partitionError(response)).as("answer %d", i).isZero();
            }
            assertThat(in.read()).as("closed after the owed answers").isEqualTo(-1);
        } catch (SocketException reset) {
            throw new AssertionError("connection reset before every owed answer arrived", reset);
        }
        assertThat(endOffset("pipelined")).as("the owed produces and none after the garbage").isEqualTo(owed);
    }

    @Test
    void codecIdsThatNameNoCodecAreAnsweredOnAConnectionThatStaysOpen() throws Exception {
        try (Socket socket = connect()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int correlation = 0;
            for (int codec : new int[] {5, 6, 7}) {
                out.write(produceFrame(correlation, "codecs", framed(codec, 1, validRecordsSection())));
                out.flush();
                assertThat(partitionError(readProduceResponse(in, correlation++))).as("codec %d", codec)
                        .isEqualTo(UNSUPPORTED_COMPRESSION_TYPE);
            }
            out.write(produceFrame(correlation, "codecs", validBatch("still-open")));
            out.flush();
            assertThat(partitionError(readProduceResponse(in, correlation))).isZero();
        }
        assertThat(endOffset("codecs")).isEqualTo(1);
    }

    @Test
    void decompressionBombsAreRefusedQuicklyOnDeleteAndCompactedTopicsWithTheHeapFlat() throws Exception {
        byte[] gzipZeros = framed(CompressionType.GZIP.id, 1000, compress(CompressionType.GZIP, 256 * MIB));
        byte[] zstdZeros = framed(CompressionType.ZSTD.id, 1000, compress(CompressionType.ZSTD, 256 * MIB));
        long heapBefore = usedHeapAfterGc();
        try (Socket socket = connect()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int correlation = 0;
            for (String topic : List.of("bombs", "compacted-bombs")) {
                for (byte[] bomb : List.of(gzipZeros, zstdZeros)) {
                    long started = System.nanoTime();
                    out.write(produceFrame(correlation, topic, bomb));
                    out.flush();
                    assertThat(partitionError(readProduceResponse(in, correlation++))).as(topic)
                            .isEqualTo(INVALID_RECORD);
                    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
                }
            }
        }
        assertThat(usedHeapAfterGc() - heapBefore).as("heap growth").isLessThan(8 * MIB);
        assertThat(endOffset("bombs")).isZero();
        assertThat(endOffset("compacted-bombs")).isZero();
    }

    private static Socket connect() throws IOException {
        String[] hostPort = broker.bootstrapServers().split(":");
        Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static long endOffset(String topic) throws Exception {
        TopicPartition tp = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get(20, TimeUnit.SECONDS)
                .offset();
    }

    private static byte[] validBatch(String value) {
        return toArray(new RecordBatchBuilder(CompressionType.NONE)
                .append(System.currentTimeMillis(), "k".getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8))
                .build());
    }

    /** The records section of a one-record batch: what a codec id 5-7 batch carries "uncompressed". */
    private static byte[] validRecordsSection() {
        byte[] batch = validBatch("v");
        byte[] section = new byte[batch.length - 61];
        System.arraycopy(batch, 61, section, 0, section.length);
        return section;
    }

    /** {@code zeros} zero bytes through {@code codec}, written a MiB at a time. */
    private static byte[] compress(CompressionType codec, long zeros) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = codec.wrapForOutput(compressed)) {
            byte[] chunk = new byte[(int) MIB];
            for (long left = zeros; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(left, chunk.length));
            }
        }
        return compressed.toByteArray();
    }

    /** A v2 batch header claiming {@code records} records with attribute codec {@code codecId}, right CRC. */
    private static byte[] framed(int codecId, int records, byte[] section) {
        long now = System.currentTimeMillis();
        ByteBuffer batch = ByteBuffer.allocate(61 + section.length);
        batch.putLong(0L).putInt(49 + section.length).putInt(-1).put((byte) 2).putInt(0).putShort((short) codecId)
                .putInt(records - 1).putLong(now).putLong(now).putLong(-1L).putShort((short) -1).putInt(-1)
                .putInt(records).put(section).flip();
        CRC32C crc = new CRC32C();
        crc.update(batch.slice(21, batch.limit() - 21));
        batch.putInt(17, (int) crc.getValue());
        return batch.array();
    }

    private static byte[] produceFrame(int correlationId, String topic, byte[] batch) {
        Struct request = MessageCodec.newRequest(ApiKey.PRODUCE);
        request.set("acks", (short) 1).set("timeout_ms", 10_000);
        request.addChild("topic_data").set("name", topic).addChild("partition_data").set("index", 0)
                .set("records", ByteBuffer.wrap(batch));
        ByteBuffer body = MessageCodec.requestBytes(ApiKey.PRODUCE, PRODUCE_VERSION, request);
        byte[] clientId = "hostile".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer header = ByteBuffer.allocate(10 + clientId.length + body.remaining());
        header.putShort(ApiKey.PRODUCE.id()).putShort(PRODUCE_VERSION).putInt(correlationId)
                .putShort((short) clientId.length).put(clientId).put(body);
        return frame(header.array());
    }

    private static byte[] frame(byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    private static Struct readProduceResponse(DataInputStream in, int expectedCorrelationId) throws IOException {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        ByteBuffer response = ByteBuffer.wrap(frame);
        assertThat(response.getInt()).as("correlation id, in request order").isEqualTo(expectedCorrelationId);
        return MessageCodec.readResponse(ApiKey.PRODUCE, PRODUCE_VERSION, new ProtocolReader(response));
    }

    private static short partitionError(Struct response) {
        return response.getStructs("responses").get(0).getStructs("partition_responses").get(0)
                .getShort("error_code");
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
