package io.tributary.it.tutorial;

import io.tributary.testkit.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A fresh installation as a user has it after unpacking: this repository's {@code bin/} and {@code config/}
 * copied into a temporary directory, and the built tools module (jar and runtime libraries) linked in, so the
 * launcher finds it and never builds. Commands run through {@code bash -c} in that directory, as typed at a
 * prompt there. {@link #close()} stops every server started from it ({@code bin/kafka-server-stop.sh},
 * {@code bin/zookeeper-server-stop.sh}), kills whatever it started that is still running and deletes it.
 * Not thread-safe; one test drives it.
 */
final class Installation implements AutoCloseable {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    private final Path dir;
    private final List<Command> started = new ArrayList<>();
    private int runs;

    private Installation(Path dir) {
        this.dir = dir;
    }

    static Installation create() {
        Path dir = TempDirs.create("tributary-install-");
        try {
            copyTree(REPOSITORY.resolve("bin"), dir.resolve("bin"));
            copyTree(REPOSITORY.resolve("config"), dir.resolve("config"));
            Files.createDirectories(dir.resolve("tributary-tools"));
            Files.createSymbolicLink(dir.resolve("tributary-tools/target"), REPOSITORY.resolve("tributary-tools/target"));
        } catch (IOException e) {
            TempDirs.deleteRecursively(dir);
            throw new UncheckedIOException("cannot create an installation in " + dir, e);
        }
        return new Installation(dir);
    }

    Path dir() {
        return dir;
    }

    /** Runs a command line to completion (bounded), with {@code stdin} as its standard input. */
    Command run(String commandLine, String stdin) {
        Command command = start(commandLine, stdin);
        command.awaitExit(120);
        return command;
    }

    Command run(String commandLine) {
        return run(commandLine, "");
    }

    /** Starts a command line that keeps running (a server in the foreground, a consumer). */
    Command start(String commandLine, String stdin) {
        int n = ++runs;
        try {
            Path in = dir.resolve("cmd-" + n + ".in");
            Files.writeString(in, stdin);
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", commandLine).directory(dir.toFile())
                    .redirectInput(in.toFile())
                    .redirectOutput(dir.resolve("cmd-" + n + ".out").toFile())
                    .redirectError(dir.resolve("cmd-" + n + ".err").toFile());
            Map<String, String> env = builder.environment();
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("TRIBUTARY_HEAP_OPTS", "-Xmx256m");
            env.put("TRIBUTARY_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
            env.put("TRIBUTARY_CDS", "off");
            Command command = new Command(commandLine, builder.start(), dir.resolve("cmd-" + n + ".out"),
                    dir.resolve("cmd-" + n + ".err"));
            started.add(command);
            return command;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + commandLine, e);
        }
    }

    /**
     * Sets keys in a properties file the way one edits it: an existing {@code key=} line is replaced, any other key
     * is appended.
     */
    void setProperties(String file, Map<String, String> values) {
        Path path = dir.resolve(file);
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(path, StandardCharsets.UTF_8));
            Map<String, String> remaining = new LinkedHashMap<>(values);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int eq = line.indexOf('=');
                String key = eq < 0 || line.startsWith("#") ? null : line.substring(0, eq).trim();
                if (key != null && remaining.containsKey(key)) {
                    lines.set(i, key + "=" + remaining.remove(key));
                }
            }
            remaining.forEach((k, v) -> lines.add(k + "=" + v));
            Files.write(path, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot edit " + path, e);
        }
    }

    String read(String file) {
        try {
            return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            for (String stop : List.of("bin/kafka-server-stop.sh", "bin/zookeeper-server-stop.sh")) {
                Command command = start(stop, "");
                command.awaitExit(90);
            }
        } finally {
            started.forEach(Command::kill);
            TempDirs.deleteRecursively(dir);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** One command line's process and its captured output. */
    static final class Command {
        private final String commandLine;
        private final Process process;
        private final Path out;
        private final Path err;

        private Command(String commandLine, Process process, Path out, Path err) {
            this.commandLine = commandLine;
            this.process = process;
            this.out = out;
            this.err = err;
        }

        void awaitExit(int seconds) {
            try {
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("did not finish within " + seconds + " s: " + this);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        int exitCode() {
            return process.exitValue();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        String out() {
            return readQuietly(out);
        }

        String err() {
            return readQuietly(err);
        }

        /** SIGTERM, as Ctrl-C's SIGINT would: the tool's shutdown hooks run. Waits (bounded) for the exit. */
        void interrupt() {
            process.destroy();
            awaitExit(30);
        }

        void kill() {
            process.destroyForcibly();
        }

        @Override
        public String toString() {
            return commandLine + "\n--- stdout:\n" + out() + "\n--- stderr:\n" + err();
        }

        private static String readQuietly(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
    }
}
