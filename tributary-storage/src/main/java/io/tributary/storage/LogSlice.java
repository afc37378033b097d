package io.tributary.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Whole record batches in a segment file: {@code size} bytes of {@code channel} from {@code position},
 * ready to be sent with {@code FileChannel.transferTo} or a Netty file region.
 *
 * <p>The channel belongs to the log and must not be closed by the sender. (Netty's
 * {@code DefaultFileRegion} closes its channel when released; wrap it in a subclass whose
 * {@code deallocate()} does not.) It stays open while the segment lives and for
 * {@code file.delete.delay.ms} after retention, compaction or truncation removes the segment, which
 * bounds how long a send may take. Immutable.
 *
 * @param firstOffset the base offset of the first batch, or -1 when empty
 */
public record LogSlice(FileChannel channel, long position, int size, long firstOffset) {

    public static final LogSlice EMPTY = new LogSlice(null, 0, 0, -1);

    public boolean isEmpty() {
        return size == 0;
    }

    /** Copies the slice to the heap; for tests and small internal reads (group metadata loading). */
    public ByteBuffer readFully() {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        try {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position + buffer.position());
                if (n < 0) {
                    throw new IOException("Segment ended " + buffer.remaining() + " bytes early");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.flip();
    }
}
