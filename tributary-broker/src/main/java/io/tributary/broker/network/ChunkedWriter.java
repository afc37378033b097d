package io.tributary.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.protocol.types.ByteBufferPayload;
import io.tributary.protocol.types.ExternalPayload;
import io.tributary.protocol.types.ProtocolWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a response as a sequence of chunks for the channel: pooled buffers for the encoded fields
 * and file regions for segment bytes, so fetched records go from page cache to socket untouched.
 *
 * <p>The size hint covers the whole response, file regions included, so it is only an upper bound on
 * the bytes a buffer will hold: each buffer reserves at most {@link #MAX_INITIAL_CHUNK} and grows if the
 * fields need more (a large Metadata response). A Fetch response's fields between two file regions are
 * a few dozen bytes; reserving the hint there would pool-allocate the record bytes again for every
 * partition (quadratic in the partition count). Not thread-safe; used on the channel's event loop.
 */
final class ChunkedWriter implements ProtocolWriter {

    static final int MAX_INITIAL_CHUNK = 4096;

    private final ByteBufAllocator allocator;
    private final boolean zeroCopy;
    private final List<Object> chunks = new ArrayList<>();
    private ByteBuf current;
    private int remainingHint;

    /** {@code zeroCopy} false copies segment bytes into buffers, for channels (TLS) that cannot send file regions. */
    ChunkedWriter(ByteBufAllocator allocator, int totalSizeHint, boolean zeroCopy) {
        this.allocator = allocator;
        this.zeroCopy = zeroCopy;
        this.remainingHint = totalSizeHint;
        this.current = newChunk();
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
        chunks.add(zeroCopy ? new SharedFileRegion(slice.channel(), slice.position(), slice.sizeInBytes()) : copyOf(slice));
        current = newChunk();
    }

    private ByteBuf copyOf(FileSlice slice) {
        ByteBuf copy = allocator.ioBuffer(slice.sizeInBytes());
        try {
            int read = 0;
            while (read < slice.sizeInBytes()) {
                int n = copy.writeBytes(slice.channel(), slice.position() + read, slice.sizeInBytes() - read);
                if (n < 0) {
                    throw new IllegalStateException("segment ended " + (slice.sizeInBytes() - read) + " bytes early");
                }
                read += n;
            }
            return copy;
        } catch (IOException e) {
            copy.release();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            copy.release();
            throw e;
        }
    }

    private ByteBuf newChunk() {
        return allocator.ioBuffer(Math.max(64, Math.min(remainingHint, MAX_INITIAL_CHUNK)));
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
