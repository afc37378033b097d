package io.tributary.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A broker running {@code io.tributary.broker.server.BrokerMain} in a separate JVM, so tests can kill it with
 * SIGKILL and restart it on the same directories and port. The JVM is this test JVM's java with this test JVM's
 * class path. Its stdout and stderr go to {@code broker.out} in its directory (appended across restarts) for
 * diagnosis. Every wait is bounded. Not thread-safe: drive it from the test thread.
 */
public final class ChildProcessBroker implements AutoCloseable {

    /** Environment variable naming the child's log level (e.g. info) when the test class path's default is too quiet. */
    public static final String LOG_LEVEL_ENV = "TRIBUTARY_CHILD_LOG_LEVEL";

    private static final String MAIN_CLASS = "io.tributary.broker.server.BrokerMain";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final int port;
    private final Path propertiesFile;
    private final Path outputFile;
    private Process process;

    private String adminUrl;

    private ChildProcessBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.propertiesFile = dir.resolve("server.properties");
        this.outputFile = dir.resolve("broker.out");
    }

    /**
     * Writes a server.properties (loopback listener on a free port, log dir {@code <dir>/logs}, embedded ZooKeeper
     * in {@code <dir>/zookeeper}, then {@code overrides}) into a fresh temp dir and starts the broker from it.
     */
    public static ChildProcessBroker start(Map<String, String> overrides) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("offsets.topic.replication.factor", "1");
        config.putAll(overrides);
        return startIn(TempDirs.create("tributary-child-"), FreePort.pick(), config);
    }

    /**
     * Starts a broker whose files live in {@code dir} (log dir {@code <dir>/logs} unless {@code config} names one)
     * and whose loopback listener is on {@code port}; {@code config} wins over those two defaults.
     * {@link #close()} deletes {@code dir}.
     */
    public static ChildProcessBroker startIn(Path dir, int port, Map<String, String> config) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        ChildProcessBroker broker = new ChildProcessBroker(dir, port);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("listeners", "PLAINTEXT://127.0.0.1:" + port);
        all.put("log.dirs", dir.resolve("logs").toString());
        all.put("embedded.zookeeper.port", "0"); // never 2181: tests run side by side on one machine
        all.put("admin.listeners", "http://127.0.0.1:" + FreePort.pick());
        all.putAll(config);
        String admin = all.get("admin.listeners");
        broker.adminUrl = admin == null || admin.isBlank() ? null : admin.trim();
        broker.writeProperties(all);
        broker.launch();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** http://127.0.0.1:port of the admin endpoint (metrics, health, console); null when turned off. */
    public String adminUrl() {
        return adminUrl;
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /** Where the child's stdout and stderr are captured. */
    public Path outputFile() {
        return outputFile;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: the broker gets no chance to flush or close anything. Returns once the process is gone. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            awaitExit();
        }
    }

    /** The operating-system process id of the running JVM. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException("broker was never started");
        }
        return process.pid();
    }

    /** SIGSTOP: the JVM freezes (no heartbeats, no replies) but keeps its sockets, like a long GC pause. */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT: a {@link #pause() paused} JVM carries on where it stopped. */
    public void resume() {
        signal("CONT");
    }

    /** SIGTERM: the broker's shutdown hook closes it cleanly. Returns its exit code; SIGKILLs if it hangs. */
    public int stop() {
        if (process == null) {
            return -1;
        }
        process.destroy();
        return awaitExit();
    }

    /** Starts again on the same directories and port (after {@link #kill()} or {@link #stop()}). */
    public void restart() {
        if (isAlive()) {
            throw new IllegalStateException("broker is still running; kill() or stop() it first");
        }
        launch();
    }

    /** Everything the child has printed so far, for assertion messages. */
    public String output() {
        try {
            return Files.readString(outputFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            if (isAlive()) {
                stop();
            }
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path")));
        String logLevel = System.getenv(LOG_LEVEL_ENV);
        if (logLevel != null && !logLevel.isBlank()) {
            command.add("-Dtributary.log.level=" + logLevel);
        }
        command.addAll(List.of(MAIN_CLASS, propertiesFile.toString()));
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + command, e);
        }
        try {
            Readiness.awaitServing("127.0.0.1", port, START_TIMEOUT, process::isAlive);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw new IllegalStateException(e.getMessage() + "; broker output:\n" + output(), e);
        }
    }

    private int awaitExit() {
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while waiting for the broker to exit", e);
        }
    }

    private void signal(String name) {
        if (!isAlive()) {
            throw new IllegalStateException("broker is not running; cannot send SIG" + name);
        }
        Signals.send(process.pid(), name);
    }

    private void writeProperties(Map<String, String> config) {
        try (Writer out = Files.newBufferedWriter(propertiesFile, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> entry : config.entrySet()) {
                out.write(entry.getKey() + "=" + entry.getValue().replace("\\", "\\\\") + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + propertiesFile, e);
        }
    }
}
