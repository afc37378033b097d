package io.tributary.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.protocol.types.ByteBufferPayload;
import io.tributary.protocol.types.ExternalPayload;
import io.tributary.protocol.types.ProtocolWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a response as a sequence of chunks for the channel: pooled buffers for the encoded fields
 * and file regions for segment bytes, so fetched records go from page cache to socket untouched.
 * Not thread-safe; used on the channel's event loop.
 */
final class ChunkedWriter implements ProtocolWriter {

    private final ByteBufAllocator allocator;
    private final List<Object> chunks = new ArrayList<>();
    private ByteBuf current;
    private int remainingHint;

    ChunkedWriter(ByteBufAllocator allocator, int totalSizeHint) {
        this.allocator = allocator;
        this.remainingHint = totalSizeHint;
        this.current = allocator.ioBuffer(Math.max(64, totalSizeHint));
    }

    @Override
    public void writeByte(byte value) {
        current.writeByte(value);
    }

    @Override
    public void writeShort(short value) {
        current.writeShort(value);
    }

    @Override
    public void writeInt(int value) {
        current.writeInt(value);
    }

    @Override
    public void writeLong(long value) {
        current.writeLong(value);
    }

    @Override
    public void writeDouble(double value) {
        current.writeDouble(value);
    }

    @Override
    public void writeBytes(byte[] bytes) {
        current.writeBytes(bytes);
    }

    @Override
    public void writeBytes(ByteBuffer bytes) {
        current.writeBytes(bytes.duplicate());
    }

    @Override
    public void writeExternal(ExternalPayload payload) {
        if (payload instanceof ByteBufferPayload bytes) {
            writeBytes(bytes.buffer());
            return;
        }
        if (!(payload instanceof FileSlice slice)) {
            throw new IllegalArgumentException("unknown payload " + payload.getClass().getName());
        }
        if (slice.sizeInBytes() == 0) {
            return;
        }
        remainingHint -= current.readableBytes() + slice.sizeInBytes();
        chunks.add(current);
        chunks.add(new SharedFileRegion(slice.channel(), slice.position(), slice.sizeInBytes()));
        current = allocator.ioBuffer(Math.max(64, remainingHint));
    }

    /** The chunks in order; the caller writes (and so releases) every one. */
    List<Object> finish() {
        if (current.isReadable() || chunks.isEmpty()) {
            chunks.add(current);
        } else {
            current.release();
        }
        return chunks;
    }
}
