package io.tributary.storage.checkpoint;

import io.tributary.common.TopicPartition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A per-log-dir checkpoint of one offset per partition ({@code recovery-point-offset-checkpoint},
 * {@code replication-offset-checkpoint}, {@code log-start-offset-checkpoint},
 * {@code cleaner-offset-checkpoint}): lines {@code <topic> <partition> <offset>}. Thread-safe.
 */
public final class OffsetCheckpointFile {

    private final CheckpointFile file;

    public OffsetCheckpointFile(Path path) {
        this.file = new CheckpointFile(path);
    }

    public Path path() {
        return file.path();
    }

    public void write(Map<TopicPartition, Long> offsets) throws IOException {
        List<String> lines = new ArrayList<>(offsets.size());
        new TreeMap<>(offsets).forEach((tp, offset) -> lines.add(tp.topic() + " " + tp.partition() + " " + offset));
        file.write(lines);
    }

    public Map<TopicPartition, Long> read() throws IOException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (String line : file.read()) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length != 3) {
                throw new IOException("Checkpoint " + file.path() + " has a malformed line: " + line);
            }
            try {
                offsets.put(new TopicPartition(parts[0], Integer.parseInt(parts[1])), Long.parseLong(parts[2]));
            } catch (NumberFormatException e) {
                throw new IOException("Checkpoint " + file.path() + " has a malformed line: " + line, e);
            }
        }
        return offsets;
    }
}
