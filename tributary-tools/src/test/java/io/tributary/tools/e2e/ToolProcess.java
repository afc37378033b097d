package io.tributary.tools.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tool run as its own JVM through the real entry point ({@code TributaryCommand.main}: logging set-up, exit codes,
 * shutdown hooks), with stdout and stderr captured in files. Not thread-safe.
 */
final class ToolProcess implements AutoCloseable {

    private final Process process;
    private final Path out;
    private final Path err;

    private ToolProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static ToolProcess start(Path dir, String stdin, String... args) throws IOException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Path in = Files.createTempFile(dir, "in", ".txt");
        Files.writeString(in, stdin);
        List<String> command = new ArrayList<>(List.of(RealKafkaBroker.java(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.tributary.tools.TributaryCommand"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        return new ToolProcess(p, out, err);
    }

    /** Runs to completion (bounded) and returns the exit code. */
    static ToolProcess run(Path dir, String stdin, String... args) throws Exception {
        ToolProcess p = start(dir, stdin, args);
        if (!p.process.waitFor(60, TimeUnit.SECONDS)) {
            p.process.destroyForcibly();
            throw new IllegalStateException("tool did not finish: " + String.join(" ", args));
        }
        return p;
    }

    int exitCode() {
        return process.exitValue();
    }

    String out() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Sends SIGTERM, as Ctrl-C would send SIGINT: the JVM runs its shutdown hooks. */
    void terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
