package io.tributary.protocol.compress;

import java.io.InputStream;
import java.nio.ByteBuffer;

/** Reads a ByteBuffer's remaining bytes as a stream, advancing its position. Not thread-safe. */
public final class ByteBufferInput extends InputStream {

    private final ByteBuffer buffer;

    public ByteBufferInput(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    @Override
    public int read() {
        return buffer.hasRemaining() ? buffer.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] bytes, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (!buffer.hasRemaining()) {
            return -1;
        }
        int n = Math.min(len, buffer.remaining());
        buffer.get(bytes, off, n);
        return n;
    }

    @Override
    public int available() {
        return buffer.remaining();
    }
}
