package io.tributary.benchmarks.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a Linux process's CPU time and memory from {@code /proc}, the kernel's own accounting, so the broker
 * is measured without any agent inside it. Stateless and thread-safe. A process that has exited reads as
 * zero: its time is then already lost, which is why callers sample before stopping the broker.
 */
public final class ProcStat {

    /** USER_HZ: the unit of utime/stime in /proc/<pid>/stat. 100 on every mainstream Linux build. */
    static final long CLOCK_TICKS_PER_SECOND = 100;

    private ProcStat() {
    }

    /** User plus system CPU time the process has used, in nanoseconds (10 ms resolution). */
    public static long cpuNanos(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.isEmpty() ? 0 : cpuNanosOfStatLine(stat);
    }

    /**
     * Parses utime (field 14) and stime (field 15) of a {@code /proc/<pid>/stat} line. The command name in
     * field 2 may itself contain spaces and parentheses, so fields are counted from its closing parenthesis.
     */
    static long cpuNanosOfStatLine(String stat) {
        String afterName = stat.substring(stat.lastIndexOf(')') + 2);
        String[] fields = afterName.trim().split(" ");
        // afterName starts at field 3 (state), so field n is at index n - 3.
        long ticks = Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
        return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    /** Resident set size now, in bytes. */
    public static long rssBytes(long pid) {
        return statusKibibytes(pid, "VmRSS:") * 1024;
    }

    /** Highest resident set size the process has reached since it started ("high water mark"), in bytes. */
    public static long peakRssBytes(long pid) {
        return statusKibibytes(pid, "VmHWM:") * 1024;
    }

    private static long statusKibibytes(long pid, String key) {
        String status = read(Path.of("/proc", Long.toString(pid), "status"));
        return statusField(status, key);
    }

    /** The value of a {@code "Key:   1234 kB"} line of /proc/<pid>/status, in KiB; 0 if absent. */
    static long statusField(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                List<String> parts = List.of(line.substring(key.length()).trim().split("\\s+"));
                return Long.parseLong(parts.get(0));
            }
        }
        return 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException gone) {
            return "";
        } catch (IOException e) {
            // A process exiting between the existence check and the read surfaces as ESRCH here.
            if (!Files.exists(file)) {
                return "";
            }
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
