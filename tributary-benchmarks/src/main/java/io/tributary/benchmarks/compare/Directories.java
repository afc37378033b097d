package io.tributary.benchmarks.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** File-system chores of a round: disk usage, deleting a data directory, the tail of a console log. */
final class Directories {

    private Directories() {
    }

    /**
     * Bytes the directory really occupies on disk, as {@code du} counts allocated blocks: sparse,
     * preallocated index files count only for what was written, not for their apparent size.
     */
    static double diskUsageBytes(Path dir) throws IOException, InterruptedException {
        Process du = new ProcessBuilder("du", "-s", "-B1", dir.toString()).redirectErrorStream(true).start();
        String out = new String(du.getInputStream().readAllBytes());
        if (!du.waitFor(60, TimeUnit.SECONDS) || du.exitValue() != 0) {
            throw new IOException("du failed: " + out.trim());
        }
        return Double.parseDouble(out.trim().split("\\s+")[0]);
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("warning: could not delete " + dir + ": " + e);
        }
    }

    /** The last few non-blank lines of the given files, joined, for a start-failure message. */
    static String tail(Path... files) {
        List<String> lines = new ArrayList<>();
        for (Path f : files) {
            try {
                List<String> all = Files.readAllLines(f).stream().filter(l -> !l.isBlank()).toList();
                lines.addAll(all.subList(Math.max(0, all.size() - 5), all.size()));
            } catch (IOException | UncheckedIOException unreadable) {
                // Nothing written (or binary garbage): the message names the file instead.
                lines.add("(" + f + " unreadable)");
            }
        }
        return lines.isEmpty() ? "(none)" : String.join(" | ", lines);
    }
}
