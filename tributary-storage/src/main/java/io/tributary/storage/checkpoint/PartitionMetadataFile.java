package io.tributary.storage.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A partition directory's {@code partition.metadata}: which topic, by id, the directory belongs to, in
 * Kafka's format ({@code version: 0} then {@code topic_id: <22-character URL-safe base64>}). A directory
 * whose id differs from its topic's is a predecessor's, left behind by a delete and re-create under the
 * same name. Written to a temporary file, fsynced and renamed, so a crash leaves the old or the new
 * content. Thread-safe (writes are serialized).
 */
public final class PartitionMetadataFile {

    public static final String FILE_NAME = "partition.metadata";

    private static final String VERSION_LINE = "version: 0";
    private static final String TOPIC_ID_PREFIX = "topic_id: ";

    private final Path path;

    public PartitionMetadataFile(Path partitionDir) {
        this.path = partitionDir.resolve(FILE_NAME);
    }

    public Path path() {
        return path;
    }

    public synchronized void write(UUID topicId) throws IOException {
        Path temp = path.resolveSibling(FILE_NAME + ".tmp");
        byte[] text = (VERSION_LINE + "\n" + TOPIC_ID_PREFIX + encode(topicId) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(text));
            channel.force(true);
        }
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The topic id recorded, or empty when the file does not exist. A malformed file is an IOException. */
    public synchronized Optional<UUID> read() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.size() < 2 || !lines.get(0).trim().equals(VERSION_LINE) || !lines.get(1).startsWith(TOPIC_ID_PREFIX)) {
            throw new IOException("Malformed " + path + ": expected '" + VERSION_LINE + "' and '" + TOPIC_ID_PREFIX + "...'");
        }
        try {
            return Optional.of(decode(lines.get(1).substring(TOPIC_ID_PREFIX.length()).trim()));
        } catch (IllegalArgumentException e) {
            throw new IOException("Malformed topic id in " + path + ": " + e.getMessage(), e);
        }
    }

    /** Kafka's text form of a UUID: its 16 bytes in URL-safe base64 without padding. */
    public static String encode(UUID id) {
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    public static UUID decode(String text) {
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        if (bytes.length != 16) {
            throw new IllegalArgumentException("a topic id is 16 bytes, not " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
