package io.tributary.protocol;

import io.tributary.protocol.types.ByteBufferWriter;
import io.tributary.protocol.types.MalformedMessageException;
import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.ProtocolWriter;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;

/**
 * Reads and writes request and response bodies of any API at any version, driven by the declared
 * schemas. Stateless and thread-safe.
 */
public final class MessageCodec {

    private MessageCodec() {
    }

    public static Struct readRequest(ApiKey api, short version, ProtocolReader reader) {
        checkVersion(api, version);
        return api.spec().request().read(reader, version, api.spec().isFlexible(version));
    }

    public static Struct readResponse(ApiKey api, short version, ProtocolReader reader) {
        checkVersion(api, version);
        return api.spec().response().read(reader, version, api.spec().isFlexible(version));
    }

    public static int requestSize(ApiKey api, short version, Struct body) {
        return api.spec().request().sizeOf(body, version, api.spec().isFlexible(version));
    }

    public static int responseSize(ApiKey api, short version, Struct body) {
        return api.spec().response().sizeOf(body, version, api.spec().isFlexible(version));
    }

    public static void writeRequest(ApiKey api, short version, Struct body, ProtocolWriter writer) {
        api.spec().request().write(writer, body, version, api.spec().isFlexible(version));
    }

    public static void writeResponse(ApiKey api, short version, Struct body, ProtocolWriter writer) {
        api.spec().response().write(writer, body, version, api.spec().isFlexible(version));
    }

    /** The response body alone, as bytes (no header, no size prefix); for tests and small replies. */
    public static ByteBuffer responseBytes(ApiKey api, short version, Struct body) {
        ByteBuffer buffer = ByteBuffer.allocate(responseSize(api, version, body));
        writeResponse(api, version, body, new ByteBufferWriter(buffer));
        return buffer.flip();
    }

    /** The request body alone, as bytes; for tests and inter-broker clients. */
    public static ByteBuffer requestBytes(ApiKey api, short version, Struct body) {
        ByteBuffer buffer = ByteBuffer.allocate(requestSize(api, version, body));
        writeRequest(api, version, body, new ByteBufferWriter(buffer));
        return buffer.flip();
    }

    public static Struct newRequest(ApiKey api) {
        return new Struct(api.spec().request());
    }

    public static Struct newResponse(ApiKey api) {
        return new Struct(api.spec().response());
    }

    private static void checkVersion(ApiKey api, short version) {
        if (!api.spec().validVersions().contains(version)) {
            throw new MalformedMessageException(api.spec().name() + " has no version " + version);
        }
    }
}
