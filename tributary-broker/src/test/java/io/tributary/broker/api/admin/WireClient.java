package io.tributary.broker.api.admin;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.Struct;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Sends one request at any version over a real socket and reads the answer: for API versions
 * kafka-clients no longer sends (e.g. AlterConfigs, DescribeConfigs v1) and for requests no client would
 * send (a fetch by a stale topic id). Flexible versions use request header v2 and response header v1.
 * Not thread-safe.
 */
final class WireClient implements AutoCloseable {

    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;
    private int correlationId;

    WireClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(10_000);
        out = new DataOutputStream(socket.getOutputStream());
        in = new DataInputStream(socket.getInputStream());
    }

    Struct send(ApiKey api, int version, Consumer<Struct> body) throws IOException {
        short v = (short) version;
        boolean flexible = api.spec().isFlexible(v);
        Struct request = MessageCodec.newRequest(api);
        body.accept(request);
        ByteBuffer payload = MessageCodec.requestBytes(api, v, request);
        byte[] clientId = "wire-test".getBytes(StandardCharsets.UTF_8);
        int id = correlationId++;
        out.writeInt(2 + 2 + 4 + 2 + clientId.length + (flexible ? 1 : 0) + payload.remaining());
        out.writeShort(api.id());
        out.writeShort(v);
        out.writeInt(id);
        out.writeShort(clientId.length);
        out.write(clientId);
        if (flexible) {
            out.writeByte(0); // no tagged fields in the header
        }
        out.write(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining());
        out.flush();
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        ByteBuffer response = ByteBuffer.wrap(frame);
        if (response.getInt() != id) {
            throw new IOException("response to another request");
        }
        if (flexible && api != ApiKey.API_VERSIONS && response.get() != 0) {
            throw new IOException("tagged fields in the response header are not expected");
        }
        return MessageCodec.readResponse(api, v, new ProtocolReader(response));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
