package io.tributary.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;

/**
 * A note left in a partition directory when a read found a batch that fails its CRC: the base offset of the
 * segment holding it. The next open of the log re-validates from that segment, clean shutdown or not, and so
 * cuts the log at the damaged batch with the offsets lost named in the log (see {@link LogLoader}). Written
 * atomically (temporary file, then rename); a later request for an earlier segment wins. Stateless.
 */
final class RecoveryRequest {

    static final String FILE_NAME = "recovery-requested";

    private RecoveryRequest() {
    }

    /** Asks the next open to re-validate from the segment at {@code segmentBaseOffset}. */
    static synchronized void request(Path dir, long segmentBaseOffset) throws IOException {
        OptionalLong existing = read(dir);
        if (existing.isPresent() && existing.getAsLong() <= segmentBaseOffset) {
            return;
        }
        Path temporary = dir.resolve(FILE_NAME + ".tmp");
        Files.writeString(temporary, Long.toString(segmentBaseOffset), StandardCharsets.US_ASCII);
        Files.move(temporary, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** The segment to re-validate from, if a request is pending; an unreadable note asks for everything. */
    static OptionalLong read(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.of(0L);
        }
    }

    static void clear(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(FILE_NAME));
    }
}
