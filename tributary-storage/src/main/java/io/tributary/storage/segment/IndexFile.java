package io.tributary.storage.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file under an index: fixed-size entries appended at the end, truncated from the end, renamed when the
 * segment is deleted. Entries are also kept on the heap by the owning index, so the file is only written
 * here and read once at open. Not thread-safe: called by the partition's writer only.
 */
final class IndexFile {

    private volatile Path path;
    private final FileChannel channel;
    private final int entrySize;

    IndexFile(Path path, int entrySize) throws IOException {
        this.path = path;
        this.entrySize = entrySize;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
    }

    Path path() {
        return path;
    }

    /** The whole file's bytes; a trailing partial entry is left for the caller's sanity check to reject. */
    ByteBuffer readAll() throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE) {
            throw new IOException("Index " + path + " is " + size + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // keep reading until full
        }
        return buffer.flip();
    }

    void write(int entryIndex, ByteBuffer entry) throws IOException {
        long position = (long) entryIndex * entrySize;
        while (entry.hasRemaining()) {
            position += channel.write(entry, position);
        }
    }

    void truncateEntries(int entries) throws IOException {
        channel.truncate((long) entries * entrySize);
    }

    void flush() throws IOException {
        channel.force(true);
    }

    void close() throws IOException {
        channel.close();
    }

    void renameTo(Path target) throws IOException {
        if (Files.exists(path)) {
            Files.move(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        path = target;
    }

    void delete() throws IOException {
        channel.close();
        Files.deleteIfExists(path);
    }
}
