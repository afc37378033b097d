package io.tributary.broker.replica;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.types.ByteBufferWriter;
import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.Struct;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * A blocking request/response connection (plain or TLS, see {@link InterBrokerSecurity}) to another broker's listener, for inter-broker
 * calls made from a dedicated thread (replica fetching, controlled shutdown). One request is in
 * flight at a time, so responses are matched by order and checked by correlation id.
 *
 * <p>Threading: not thread-safe; owned by one thread. Any I/O failure leaves the channel closed
 * and the caller reconnects.
 */
public final class BlockingChannel implements AutoCloseable {

    private static final int MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

    private final String host;
    private final int port;
    private final int timeoutMs;
    private final String clientId;
    private final InterBrokerSecurity security;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;
    private int correlationId;

    public BlockingChannel(String host, int port, int timeoutMs, String clientId) {
        this(host, port, timeoutMs, clientId, InterBrokerSecurity.PLAINTEXT);
    }

    public BlockingChannel(String host, int port, int timeoutMs, String clientId, InterBrokerSecurity security) {
        this.security = security;
        this.host = host;
        this.port = port;
        this.timeoutMs = timeoutMs;
        this.clientId = clientId;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Sends the request at {@code version} and waits for its response body; closes the channel on any failure. */
    public Struct call(ApiKey api, short version, Struct request) throws IOException {
        try {
            ensureConnected();
            int id = correlationId++;
            RequestHeader header = new RequestHeader(api.id(), version, id, clientId);
            boolean flexible = api.spec().isFlexible(version);
            int headerSize = header.sizeOf(flexible);
            int bodySize = MessageCodec.requestSize(api, version, request);
            ByteBuffer frame = ByteBuffer.allocate(4 + headerSize + bodySize);
            frame.putInt(headerSize + bodySize);
            ByteBufferWriter writer = new ByteBufferWriter(frame);
            header.write(writer, flexible);
            MessageCodec.writeRequest(api, version, request, writer);
            out.write(frame.array(), 0, frame.position());
            out.flush();
            return readResponse(api, version, id);
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? io : new IOException("Bad " + api + " response from " + host + ":" + port, e);
        }
    }

    private Struct readResponse(ApiKey api, short version, int expectedId) throws IOException {
        int size = in.readInt();
        if (size < 4 || size > MAX_RESPONSE_BYTES) {
            throw new IOException("Response of " + size + " bytes from " + host + ":" + port);
        }
        byte[] bytes = new byte[size];
        in.readFully(bytes);
        ProtocolReader reader = new ProtocolReader(ByteBuffer.wrap(bytes));
        int id = reader.readInt();
        if (id != expectedId) {
            throw new IOException("Correlation id " + id + " does not match request " + expectedId);
        }
        if (api.spec().responseHeaderVersion(version) >= 1) {
            int tags = reader.readUnsignedVarint();
            for (int i = 0; i < tags; i++) {
                reader.readUnsignedVarint();
                reader.skip(reader.readUnsignedVarint());
            }
        }
        return MessageCodec.readResponse(api, version, reader);
    }

    private void ensureConnected() throws IOException {
        if (socket != null) {
            return;
        }
        Socket s = security.connect(host, port, timeoutMs);
        try {
            in = new DataInputStream(s.getInputStream());
            out = s.getOutputStream();
            socket = s;
            security.authenticate(this);
        } catch (IOException | RuntimeException e) {
            socket = null;
            s.close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
