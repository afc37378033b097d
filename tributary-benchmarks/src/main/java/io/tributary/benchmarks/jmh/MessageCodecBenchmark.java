package io.tributary.benchmarks.jmh;

import io.tributary.broker.network.FileSlice;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.types.ExternalPayload;
import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.ProtocolWriter;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The generic, schema-driven codec on the two hottest messages, at the versions kafka-clients 4.2 sends to our
 * broker (Produce v11, Fetch v12; both flexible):
 * <ul>
 *   <li>decoding a Produce request body carrying one 16 KiB producer batch for one partition (the records
 *       field is sliced, not copied, so this is the per-request cost of the field walk);</li>
 *   <li>sizing and encoding a Fetch response body of one topic with 10 partitions, each carrying a 16 KiB
 *       segment slice. Slices are written as external payloads, as the broker sends them with zero-copy
 *       file transfer, so only the fields are encoded; the writer here is a plain heap buffer that skips
 *       the payload, which is what the broker's own chunked writer does apart from its Netty buffers.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class MessageCodecBenchmark {

    static final short PRODUCE_VERSION = 11;
    static final short FETCH_VERSION = 12;
    static final int FETCH_PARTITIONS = 10;
    static final int SLICE_BYTES = 16 * 1024;

    private ByteBuffer produceRequest;
    private Struct fetchResponse;
    private FieldsOnlyWriter writer;

    @Setup
    public void setUp() {
        Struct produce = MessageCodec.newRequest(ApiKey.PRODUCE);
        produce.set("transactional_id", null).set("acks", (short) 1).set("timeout_ms", 30_000);
        Struct topic = produce.addChild("topic_data").set("name", "bench-topic");
        topic.addChild("partition_data").set("index", 0).set("records", ProducerBatches.batch(16 * 1024, 1));
        produceRequest = MessageCodec.requestBytes(ApiKey.PRODUCE, PRODUCE_VERSION, produce);

        fetchResponse = MessageCodec.newResponse(ApiKey.FETCH);
        fetchResponse.set("throttle_time_ms", 0).set("error_code", (short) 0).set("session_id", 0);
        Struct fetchTopic = fetchResponse.addChild("responses").set("topic", "bench-topic");
        for (int p = 0; p < FETCH_PARTITIONS; p++) {
            fetchTopic.addChild("partitions").set("partition_index", p).set("error_code", (short) 0)
                    .set("high_watermark", 1_000_000L).set("last_stable_offset", 1_000_000L)
                    .set("log_start_offset", 0L).set("records", new FileSlice(null, p * 1_048_576L, SLICE_BYTES));
        }
        writer = new FieldsOnlyWriter(MessageCodec.responseSize(ApiKey.FETCH, FETCH_VERSION, fetchResponse));
    }

    @Benchmark
    public Struct decodeProduceRequest16KiB() {
        return MessageCodec.readRequest(ApiKey.PRODUCE, PRODUCE_VERSION, new ProtocolReader(produceRequest.duplicate()));
    }

    @Benchmark
    public int encodeFetchResponse10Partitions() {
        int size = MessageCodec.responseSize(ApiKey.FETCH, FETCH_VERSION, fetchResponse);
        writer.reset();
        MessageCodec.writeResponse(ApiKey.FETCH, FETCH_VERSION, fetchResponse, writer);
        return size + writer.position();
    }

    /** Encodes fields into a reused heap buffer and skips external payloads (they go to the socket as files). */
    static final class FieldsOnlyWriter implements ProtocolWriter {
        private final ByteBuffer buffer;

        FieldsOnlyWriter(int capacity) {
            this.buffer = ByteBuffer.allocate(capacity);
        }

        void reset() {
            buffer.clear();
        }

        int position() {
            return buffer.position();
        }

        @Override
        public void writeByte(byte value) {
            buffer.put(value);
        }

        @Override
        public void writeShort(short value) {
            buffer.putShort(value);
        }

        @Override
        public void writeInt(int value) {
            buffer.putInt(value);
        }

        @Override
        public void writeLong(long value) {
            buffer.putLong(value);
        }

        @Override
        public void writeDouble(double value) {
            buffer.putDouble(value);
        }

        @Override
        public void writeBytes(byte[] bytes) {
            buffer.put(bytes);
        }

        @Override
        public void writeBytes(ByteBuffer bytes) {
            buffer.put(bytes.duplicate());
        }

        @Override
        public void writeExternal(ExternalPayload payload) {
            // Sent as a separate file region by the transport; nothing to copy.
        }
    }
}
