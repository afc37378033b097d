package io.tributary.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finding the non-Java clients (kcat, Debian's python3-kafka and python3-confluent-kafka, kafkajs from npm) and
 * running them bounded. A missing client fails the test when CI=true (CI installs them) and skips it otherwise.
 */
final class ExternalClients {

    static final String PYTHON = "/usr/bin/python3";

    private ExternalClients() {
    }

    /** Fails (CI) or skips (elsewhere) unless {@code available}. */
    static void require(boolean available, String what, String install) {
        if (!available && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(what + " is missing but CI=true: " + install);
        }
        Assumptions.assumeTrue(available, what + " is missing (not CI, so skipping): " + install);
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Whether /usr/bin/python3 can import {@code module}. */
    static boolean pythonHas(String module) {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        try {
            return run(List.of(PYTHON, "-c", "import " + module), null, Files.createTempFile("py", ".out"), 30) == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * kafkajs 2.2.4 from the committed lock file, installed once into target/kafkajs, with every script of
     * src/test/node copied next to it; skips or fails (CI) when npm cannot install it.
     */
    static Path installKafkajs() throws IOException, InterruptedException {
        Path source = Path.of(System.getProperty("basedir", "."), "src", "test", "node");
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "kafkajs");
        Files.createDirectories(dir);
        try (var files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(dir.resolve("node_modules").resolve("kafkajs"))) {
            Path log = dir.resolve("npm-ci.log");
            int exit = run(List.of("npm", "ci", "--no-audit", "--no-fund"), dir, log, 90);
            require(exit == 0, "kafkajs (npm ci in " + dir + " failed: " + Files.readString(log) + ")",
                    "make the npm registry reachable");
        }
        return dir;
    }

    /** Runs {@code command} in {@code dir} (null: current), stdout and stderr to {@code out}; -1 if killed at the limit. */
    static int run(List<String> command, Path dir, Path out, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }
}
