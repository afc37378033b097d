package io.tributary.storage.checkpoint;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Kafka's text checkpoint format: a version line ({@code 0}), a count line, then one entry per line. Written
 * to {@code <name>.tmp}, fsynced and atomically renamed over the old file, so a crash leaves either the old
 * or the new content. Thread-safe (writes are serialized).
 */
public final class CheckpointFile {

    private static final int VERSION = 0;

    private final Path path;

    public CheckpointFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public synchronized void write(List<String> lines) throws IOException {
        Path temp = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             BufferedWriter writer = new BufferedWriter(
                     new java.io.OutputStreamWriter(java.nio.channels.Channels.newOutputStream(channel),
                             StandardCharsets.UTF_8))) {
            writer.write(VERSION + "\n" + lines.size() + "\n");
            for (String line : lines) {
                writer.write(line);
                writer.write('\n');
            }
            writer.flush();
            channel.force(true);
        }
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The entry lines, or an empty list when the file does not exist. */
    public synchronized List<String> read() throws IOException {
        List<String> all;
        try {
            all = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        if (all.size() < 2 || !all.get(0).trim().equals(Integer.toString(VERSION))) {
            throw new IOException("Checkpoint " + path + " has no version 0 header");
        }
        int count;
        try {
            count = Integer.parseInt(all.get(1).trim());
        } catch (NumberFormatException e) {
            throw new IOException("Checkpoint " + path + " has a bad count line: " + all.get(1));
        }
        if (all.size() - 2 < count) {
            throw new IOException("Checkpoint " + path + " promises " + count + " entries, has " + (all.size() - 2));
        }
        return new ArrayList<>(all.subList(2, 2 + count));
    }
}
