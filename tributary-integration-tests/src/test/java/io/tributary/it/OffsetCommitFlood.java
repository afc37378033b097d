package io.tributary.it;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.OffsetCommitRequest;
import org.apache.kafka.common.requests.OffsetCommitResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Sends many OffsetCommit requests (simple commits: generation -1, no member) for one group/partition over one
 * socket to the group's coordinator, pipelined with a bounded number in flight, and checks every response is
 * error-free. Commit i stores offset i + 1. Serialization is kafka-clients' own request classes, so what goes
 * over the wire is what a Java client would send. Not thread-safe; one flood per instance.
 */
final class OffsetCommitFlood {

    private static final short VERSION = 8;
    private static final int IN_FLIGHT = 256;

    private final String host;
    private final int port;
    private final String group;
    private final String topic;

    OffsetCommitFlood(String host, int port, String group, String topic) {
        this.host = host;
        this.port = port;
        this.group = group;
        this.topic = topic;
    }

    /** Commits offsets 1..count in order; returns once all were answered, failing on the first error. */
    void commit(int count) throws Exception {
        try (Socket socket = new Socket(host, port)) {
            socket.setTcpNoDelay(true);
            Semaphore window = new Semaphore(IN_FLIGHT);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16));
            Thread reader = new Thread(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        check(readResponse(in, i));
                        window.release();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                    window.release(IN_FLIGHT);
                }
            }, "offset-commit-responses");
            reader.start();
            OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            for (int i = 0; i < count && failure.get() == null; i++) {
                if (!window.tryAcquire()) {
                    out.flush();
                    window.acquire();
                }
                ByteBuffer frame = request(i, i + 1L);
                writeInt(out, frame.remaining());
                out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
            }
            out.flush();
            reader.join(120_000);
            if (failure.get() != null) {
                throw new AssertionError("offset commit flood failed", failure.get());
            }
            if (reader.isAlive()) {
                throw new AssertionError("responses still missing after 120 s");
            }
        }
    }

    private ByteBuffer request(int correlationId, long offset) {
        OffsetCommitRequestData data = new OffsetCommitRequestData()
                .setGroupId(group).setGenerationIdOrMemberEpoch(-1).setMemberId("")
                .setTopics(List.of(new OffsetCommitRequestData.OffsetCommitRequestTopic().setName(topic)
                        .setPartitions(List.of(new OffsetCommitRequestData.OffsetCommitRequestPartition()
                                .setPartitionIndex(0).setCommittedOffset(offset)))));
        OffsetCommitRequest request = new OffsetCommitRequest(data, VERSION);
        return request.serializeWithHeader(header(correlationId));
    }

    private static RequestHeader header(int correlationId) {
        return new RequestHeader(ApiKeys.OFFSET_COMMIT, VERSION, "offset-commit-flood", correlationId);
    }

    private static OffsetCommitResponse readResponse(DataInputStream in, int correlationId) throws IOException {
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return (OffsetCommitResponse) AbstractResponse.parseResponse(ByteBuffer.wrap(body), header(correlationId));
    }

    private static void check(OffsetCommitResponse response) {
        for (OffsetCommitResponseData.OffsetCommitResponseTopic t : response.data().topics()) {
            for (OffsetCommitResponseData.OffsetCommitResponsePartition p : t.partitions()) {
                if (p.errorCode() != Errors.NONE.code()) {
                    throw new AssertionError("commit failed: " + Errors.forCode(p.errorCode()));
                }
            }
        }
    }

    private static void writeInt(OutputStream out, int value) throws IOException {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
