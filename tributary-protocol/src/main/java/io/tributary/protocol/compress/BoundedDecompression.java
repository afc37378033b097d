package io.tributary.protocol.compress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Decompresses a batch's records section as a stream that refuses to produce more than a hard cap of
 * bytes, so a decompression bomb costs the reader at most {@code maxBytes} of CPU work and a fixed amount
 * of memory, whatever the compressed bytes claim. Nothing here sizes a buffer from a length the producer
 * wrote: gzip, lz4 and zstd stream through their codecs' fixed-size windows, and snappy goes through
 * {@link SnappyFramedInput}, which checks each chunk's declared size against what the chunk could hold
 * before allocating.
 *
 * <p>Stateless; each call returns a new stream owned (and to be closed) by the caller, not thread-safe.
 */
public final class BoundedDecompression {

    private BoundedDecompression() {
    }

    /**
     * A stream of the decompressed bytes of {@code compressed} (from its position to its limit; the buffer's
     * position advances as it is read).
     *
     * @param maxBytes the most decompressed bytes the stream may yield; one more and it throws
     *                 {@link DecompressionLimitException}
     */
    public static InputStream open(CompressionType type, ByteBuffer compressed, long maxBytes) throws IOException {
        InputStream inflating = switch (type) {
            case NONE -> new ByteBufferInput(compressed);
            case SNAPPY -> new SnappyFramedInput(compressed, maxBytes);
            case LZ4 -> new Lz4FrameInput(compressed);
            default -> type.wrapForInput(new ByteBufferInput(compressed));
        };
        return new CappedInput(inflating, maxBytes);
    }

    /** Counts the bytes coming out of the codec and fails the read that would pass the cap. */
    private static final class CappedInput extends InputStream {

        private final InputStream in;
        private final long maxBytes;
        private long produced;

        CappedInput(InputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int off, int len) throws IOException {
            // Ask for at most one byte past the cap: enough to tell "exactly at the cap" from "past it".
            long allowed = maxBytes - produced + 1;
            int n = in.read(bytes, off, (int) Math.min(len, allowed));
            if (n > 0) {
                produced += n;
                if (produced > maxBytes) {
                    throw new DecompressionLimitException("Decompressed records pass the limit of " + maxBytes
                            + " bytes");
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
