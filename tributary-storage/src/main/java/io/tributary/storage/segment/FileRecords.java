package io.tributary.storage.segment;

import io.tributary.protocol.record.RecordBatch;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A segment's {@code .log} file: record batches exactly as on the wire, end to end. Appends go at the end;
 * {@link #size()} is published (volatile) only after the bytes are written, so lock-free readers never see
 * a half-written batch.
 *
 * <p>Threading: one writer calls {@link #append}, {@link #truncateTo} and the rename/delete methods; reads
 * are positional and may run concurrently.
 */
public final class FileRecords {

    private volatile Path path;
    private final FileChannel channel;
    private volatile int size;

    public FileRecords(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long length = channel.size();
        if (length > Integer.MAX_VALUE) {
            throw new IOException("Segment " + path + " is larger than 2 GiB");
        }
        this.size = (int) length;
    }

    public Path path() {
        return path;
    }

    public FileChannel channel() {
        return channel;
    }

    public int size() {
        return size;
    }

    /** Writes {@code records} (position to limit) at the end; returns the position they start at. */
    public int append(ByteBuffer records) throws IOException {
        int start = size;
        long position = start;
        ByteBuffer source = records.duplicate();
        while (source.hasRemaining()) {
            position += channel.write(source, position);
        }
        size = (int) position;
        return start;
    }

    /** Reads exactly {@code length} bytes at {@code position} into a new heap buffer. */
    public ByteBuffer read(int position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("End of " + path + " at " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    /**
     * The header of the batch at {@code position} if a whole header fits before {@code end}, else null. The
     * returned view's buffer holds only the header: use {@link #read} for the whole batch.
     */
    public RecordBatch readHeader(int position, int end) throws IOException {
        if (end - position < RecordBatch.HEADER_SIZE) {
            return null;
        }
        return new RecordBatch(read(position, RecordBatch.HEADER_SIZE), 0);
    }

    public void truncateTo(int newSize) throws IOException {
        if (newSize < size) {
            channel.truncate(newSize);
            size = newSize;
        }
    }

    public void flush() throws IOException {
        channel.force(true);
    }

    public void close() throws IOException {
        channel.close();
    }

    public void renameTo(Path target) throws IOException {
        Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
        path = target;
    }

    public void delete() throws IOException {
        channel.close();
        Files.deleteIfExists(path);
    }
}
