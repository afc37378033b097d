package io.tributary.protocol.compress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyError;

/**
 * Reads snappy-java's framed format (a 16-byte header: magic {@code \x82SNAPPY\0}, version, compatible
 * version; then chunks of a big-endian int length and one raw snappy block), or, like snappy-java's own
 * reader, a whole section without the header as one raw block (what some non-Java clients send).
 *
 * <p>Unlike snappy-java's stream, it allocates nothing from a length the writer chose until that length is
 * proven possible: a chunk's length must fit the bytes left, and a block's declared decompressed size must
 * be one the block could expand to (snappy's densest element, a 3-byte copy of 64 bytes, expands 64/3 times)
 * and must fit the caller's cap. So a lying header costs an exception, not a gigabyte array.
 *
 * <p>Not thread-safe; owned by one reader, which must close it to return its buffers to the thread's pool.
 */
final class SnappyFramedInput extends InputStream {

    private static final byte[] MAGIC = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
    private static final int HEADER_SIZE = 16;
    /** The first four bytes of the magic read as a chunk length: a concatenated stream's next header. */
    private static final int MAGIC_HEAD = ByteBuffer.wrap(MAGIC).getInt();
    private static final int MAX_EXPANSION = 22;
    /** snappy-java writes 32 KiB blocks; buffers up to this size are borrowed per thread, not allocated. */
    private static final int POOLED_BYTES = 64 * 1024;
    private static final ThreadLocal<byte[][]> POOL = new ThreadLocal<>();

    private final ByteBuffer in;
    private final long maxBytes;
    private final boolean framed;
    private long produced;
    private final byte[][] buffers;
    private byte[] compressed;
    private byte[] block;
    private int blockPosition;
    private int blockLimit;

    SnappyFramedInput(ByteBuffer in, long maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.framed = startsWithHeader(in, in.position());
        if (framed) {
            in.position(in.position() + HEADER_SIZE);
        }
        byte[][] pooled = POOL.get();
        if (pooled != null) {
            POOL.set(null); // borrowed until close: a second stream on this thread allocates its own
            buffers = pooled;
        } else {
            buffers = new byte[][] {new byte[POOLED_BYTES], new byte[POOLED_BYTES]};
        }
        compressed = buffers[0];
        block = buffers[1];
    }

    @Override
    public void close() {
        if (compressed.length == POOLED_BYTES && block.length == POOLED_BYTES) {
            POOL.set(buffers); // a block that grew past the pooled size is left to the collector
        }
    }

    private static boolean startsWithHeader(ByteBuffer buffer, int at) {
        if (buffer.limit() - at < HEADER_SIZE) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (buffer.get(at + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (blockPosition == blockLimit) {
            if (!nextBlock()) {
                return -1;
            }
        }
        int n = Math.min(len, blockLimit - blockPosition);
        System.arraycopy(block, blockPosition, bytes, off, n);
        blockPosition += n;
        return n;
    }

    private boolean nextBlock() throws IOException {
        if (!in.hasRemaining()) {
            return false;
        }
        if (!framed) {
            decode(in.remaining());
            return true;
        }
        if (in.remaining() < 4) {
            throw new IOException("Snappy chunk header truncated: " + in.remaining() + " bytes");
        }
        int length = in.getInt();
        if (length == MAGIC_HEAD) {
            // A concatenated stream: the rest of its header, then its chunks.
            in.position(in.position() - 4);
            if (!startsWithHeader(in, in.position())) {
                throw new IOException("Snappy stream header is damaged");
            }
            in.position(in.position() + HEADER_SIZE);
            return true;
        }
        if (length < 0 || length > in.remaining()) {
            throw new IOException("Snappy chunk claims " + length + " bytes, " + in.remaining() + " are left");
        }
        decode(length);
        return true;
    }

    /** Decompresses the next {@code length} input bytes, one raw snappy block, into {@link #block}. */
    private void decode(int length) throws IOException {
        byte[] input;
        int offset;
        if (in.hasArray()) {
            input = in.array();
            offset = in.arrayOffset() + in.position();
        } else {
            if (compressed.length < length) {
                compressed = new byte[length];
            }
            in.get(in.position(), compressed, 0, length);
            input = compressed;
            offset = 0;
        }
        in.position(in.position() + length);
        try {
            int declared = Snappy.uncompressedLength(input, offset, length);
            if (declared < 0 || declared > (long) length * MAX_EXPANSION + 16) {
                throw new IOException("Snappy block of " + length + " bytes claims " + declared
                        + " decompressed bytes, more than it can hold");
            }
            if (declared > maxBytes - produced) {
                throw new DecompressionLimitException("Decompressed records pass the limit of " + maxBytes
                        + " bytes");
            }
            if (block.length < declared) {
                block = new byte[declared];
            }
            int actual = Snappy.uncompress(input, offset, length, block, 0);
            if (actual != declared) {
                throw new IOException("Snappy block decompressed to " + actual + " bytes, not " + declared);
            }
            produced += actual;
            blockPosition = 0;
            blockLimit = actual;
        } catch (SnappyError e) {
            throw new IOException("Snappy block is corrupt: " + e.getMessage(), e);
        }
    }
}
