package io.tributary.protocol;

import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.ProtocolWriter;
import io.tributary.protocol.types.Types;

/**
 * The header in front of every request. The client id stays a classic (int16-length) string even in
 * header v2, so any broker can read the header of any request; a null client id reads as "".
 */
public record RequestHeader(short apiKey, short apiVersion, int correlationId, String clientId) {

    /**
     * Reads the header. For an API this codec does not know, only v1 is assumed (the tagged section
     * cannot be located), which is enough to answer or reject it.
     */
    public static RequestHeader read(ProtocolReader reader) {
        short apiKey = reader.readShort();
        short apiVersion = reader.readShort();
        int correlationId = reader.readInt();
        String clientId = (String) Types.STRING.read(reader, apiVersion, false);
        ApiKey key = ApiKey.forId(apiKey);
        if (key != null && key.spec().isFlexible(apiVersion)) {
            skipTaggedFields(reader);
        }
        return new RequestHeader(apiKey, apiVersion, correlationId, clientId == null ? "" : clientId);
    }

    public void write(ProtocolWriter writer, boolean flexible) {
        writer.writeShort(apiKey);
        writer.writeShort(apiVersion);
        writer.writeInt(correlationId);
        Types.STRING.write(writer, clientId, apiVersion, false);
        if (flexible) {
            writer.writeUnsignedVarint(0);
        }
    }

    public int sizeOf(boolean flexible) {
        return 8 + Types.STRING.sizeOf(clientId, apiVersion, false) + (flexible ? 1 : 0);
    }

    private static void skipTaggedFields(ProtocolReader reader) {
        int count = reader.readUnsignedVarint();
        for (int i = 0; i < count; i++) {
            reader.readUnsignedVarint();
            reader.skip(reader.readUnsignedVarint());
        }
    }
}
