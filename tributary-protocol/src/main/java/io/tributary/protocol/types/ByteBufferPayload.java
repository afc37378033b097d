package io.tributary.protocol.types;

import java.nio.ByteBuffer;

/** An external payload that is already in memory. */
public record ByteBufferPayload(ByteBuffer buffer) implements ExternalPayload {

    @Override
    public int sizeInBytes() {
        return buffer.remaining();
    }
}
