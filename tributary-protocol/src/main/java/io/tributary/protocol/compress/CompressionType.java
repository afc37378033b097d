package io.tributary.protocol.compress;

import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.xerial.snappy.SnappyInputStream;
import org.xerial.snappy.SnappyOutputStream;

/**
 * The codecs a v2 record batch may use (attribute bits 0-2), each with the stream format Kafka clients
 * write and expect: standard gzip, snappy-java's framed format (not raw snappy), the LZ4 frame format
 * with 64 KiB independent blocks and no checksums (what Kafka's own LZ4 writer emits) and a standard
 * zstd frame. Stateless and thread-safe; every call returns a new stream owned by the caller.
 */
public enum CompressionType {
    NONE(0, "none") {
        @Override
        public OutputStream wrapForOutput(OutputStream out) {
            return out;
        }

        @Override
        public InputStream wrapForInput(InputStream in) {
            return in;
        }
    },
    GZIP(1, "gzip") {
        @Override
        public OutputStream wrapForOutput(OutputStream out) throws IOException {
            return new GZIPOutputStream(out, 8 * 1024);
        }

        @Override
        public InputStream wrapForInput(InputStream in) throws IOException {
            return new GZIPInputStream(in, 8 * 1024);
        }
    },
    SNAPPY(2, "snappy") {
        @Override
        public OutputStream wrapForOutput(OutputStream out) {
            return new SnappyOutputStream(out);
        }

        @Override
        public InputStream wrapForInput(InputStream in) throws IOException {
            return new SnappyInputStream(in);
        }
    },
    LZ4(3, "lz4") {
        @Override
        public OutputStream wrapForOutput(OutputStream out) throws IOException {
            // Kafka's reader accepts any standard frame, but 64 KiB independent blocks without checksums
            // is exactly what Kafka writes, so older brokers and clients decode our batches too.
            return new LZ4FrameOutputStream(out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                    LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE);
        }

        @Override
        public InputStream wrapForInput(InputStream in) throws IOException {
            return new LZ4FrameInputStream(in);
        }
    },
    ZSTD(4, "zstd") {
        @Override
        public OutputStream wrapForOutput(OutputStream out) throws IOException {
            return new ZstdOutputStreamNoFinalizer(out);
        }

        @Override
        public InputStream wrapForInput(InputStream in) throws IOException {
            // The stream's 128 KiB input buffer comes from a shared pool: a fresh one per batch costs more
            // than decompressing a small batch does (Kafka's reader pools it too).
            return new ZstdInputStreamNoFinalizer(in, RecyclingBufferPool.INSTANCE);
        }
    };

    private static final CompressionType[] BY_ID = values();

    public final int id;
    public final String name;

    CompressionType(int id, String name) {
        this.id = id;
        this.name = name;
    }

    /** Wraps {@code out} so bytes written are compressed; closing the wrapper finishes the stream. */
    public abstract OutputStream wrapForOutput(OutputStream out) throws IOException;

    /** Wraps {@code in} so bytes read are decompressed. */
    public abstract InputStream wrapForInput(InputStream in) throws IOException;

    /** True for the ids of the five codecs above; 5-7 fit the attribute bits but name no codec. */
    public static boolean isKnownId(int id) {
        return id >= 0 && id < BY_ID.length;
    }

    /** The codec for attribute bits 0-2; ids 5-7 are reserved and rejected. */
    public static CompressionType forId(int id) {
        if (id < 0 || id >= BY_ID.length) {
            throw new IllegalArgumentException("Unknown compression type id " + id);
        }
        return BY_ID[id];
    }

    /** The codec for a config value such as {@code "lz4"}. */
    public static CompressionType forName(String name) {
        for (CompressionType type : BY_ID) {
            if (type.name.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown compression type " + name);
    }
}
