package io.tributary.protocol.compress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Reads LZ4 frames (the format Kafka's clients write: independent blocks, optional block and content
 * checksums, possibly several frames or skippable frames in a row) straight from a records section held in
 * memory. lz4-java's frame stream copies every block into a buffer of its own and allocates two buffers of
 * the frame's maximum block size per stream (128 KiB for Kafka's 64 KiB blocks), for every batch; this reader
 * decompresses each block from the section itself into one output block borrowed per thread, so a batch
 * costs no allocation in the common case. Checksums are not verified here: the batch CRC already covers
 * every byte. Dependent blocks are refused, as lz4-java refuses them.
 *
 * <p>Not thread-safe; owned by one reader, which must close it to return the borrowed block.
 */
final class Lz4FrameInput extends InputStream {

    private static final int MAGIC = 0x184D2204;
    private static final int SKIPPABLE_MAGIC_MASK = 0xFFFFFFF0;
    private static final int SKIPPABLE_MAGIC = 0x184D2A50;
    private static final int POOLED_BLOCK = 64 * 1024;
    private static final ThreadLocal<byte[]> POOL = new ThreadLocal<>();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
    private static final XXHash32 HASH = XXHashFactory.fastestInstance().hash32();

    private final ByteBuffer in;
    private byte[] block;
    private int blockPosition;
    private int blockLimit;
    private int maxBlockSize;
    private boolean blockChecksums;
    private boolean contentChecksum;
    private boolean inFrame;

    Lz4FrameInput(ByteBuffer section) {
        this.in = section.slice().order(ByteOrder.LITTLE_ENDIAN);
        section.position(section.limit());
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
        while (!inFrame) {
            if (!in.hasRemaining()) {
                return false;
            }
            readFrameHeader();
        }
        int size = readInt();
        if (size == 0) { // end mark
            skip(contentChecksum ? 4 : 0);
            inFrame = false;
            blockLimit = blockPosition = 0;
            return true;
        }
        boolean stored = size < 0; // high bit: the block is stored uncompressed
        int length = size & 0x7fffffff;
        if (length > maxBlockSize || length > in.remaining()) {
            throw new IOException("LZ4 block of " + length + " bytes in a frame of " + maxBlockSize
                    + "-byte blocks with " + in.remaining() + " bytes left");
        }
        ensureBlock();
        if (stored) {
            in.get(in.position(), block, 0, length);
            blockLimit = length;
        } else {
            try {
                blockLimit = DECOMPRESSOR.decompress(in, in.position(), length, ByteBuffer.wrap(block), 0, maxBlockSize);
            } catch (LZ4Exception e) {
                throw new IOException("LZ4 block is corrupt: " + e.getMessage(), e);
            }
        }
        blockPosition = 0;
        in.position(in.position() + length);
        skip(blockChecksums ? 4 : 0);
        return true;
    }

    private void readFrameHeader() throws IOException {
        int magic = readInt();
        if ((magic & SKIPPABLE_MAGIC_MASK) == SKIPPABLE_MAGIC) {
            int size = readInt();
            if (size < 0) {
                throw new IOException("Skippable LZ4 frame of " + Integer.toUnsignedString(size) + " bytes");
            }
            skip(size);
            return;
        }
        if (magic != MAGIC) {
            throw new IOException("Not an LZ4 frame: magic " + Integer.toHexString(magic));
        }
        int descriptorStart = in.position();
        int flags = readByte();
        int blockDescriptor = readByte();
        if ((flags >>> 6) != 1 || (flags & 0x02) != 0 || (blockDescriptor & 0x8F) != 0) {
            throw new IOException("Unsupported LZ4 frame descriptor " + flags + "/" + blockDescriptor);
        }
        if ((flags & 0x20) == 0) {
            throw new IOException("LZ4 frames of dependent blocks are not supported");
        }
        int sizeCode = (blockDescriptor >>> 4) & 0x07;
        if (sizeCode < 4) {
            throw new IOException("Unknown LZ4 block size code " + sizeCode);
        }
        maxBlockSize = 1 << (2 * sizeCode + 8);
        blockChecksums = (flags & 0x10) != 0;
        contentChecksum = (flags & 0x04) != 0;
        skip(((flags & 0x08) != 0 ? 8 : 0) + ((flags & 0x01) != 0 ? 4 : 0));
        int descriptorLength = in.position() - descriptorStart;
        int expected = (HASH.hash(in, descriptorStart, descriptorLength, 0) >> 8) & 0xff;
        if (readByte() != expected) {
            throw new IOException("LZ4 frame descriptor checksum mismatch");
        }
        inFrame = true;
    }

    private void ensureBlock() {
        if (block != null && block.length >= maxBlockSize) {
            return;
        }
        giveBack();
        byte[] pooled = maxBlockSize <= POOLED_BLOCK ? POOL.get() : null;
        if (pooled != null) {
            POOL.set(null); // borrowed: a second stream on this thread allocates its own
            block = pooled;
        } else {
            block = new byte[maxBlockSize]; // the smallest size code is 64 KiB, so small ones can be pooled
        }
    }

    private void giveBack() {
        if (block != null && block.length == POOLED_BLOCK) {
            POOL.set(block);
        }
        block = null;
    }

    private int readInt() throws IOException {
        if (in.remaining() < 4) {
            throw new IOException("LZ4 frame truncated");
        }
        return in.getInt();
    }

    private int readByte() throws IOException {
        if (!in.hasRemaining()) {
            throw new IOException("LZ4 frame truncated");
        }
        return in.get() & 0xff;
    }

    private void skip(int bytes) throws IOException {
        if (bytes > in.remaining()) {
            throw new IOException("LZ4 frame truncated");
        }
        in.position(in.position() + bytes);
    }

    @Override
    public void close() {
        giveBack();
    }
}
