package io.tributary.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a command-line main class in its own JVM on this test's class path, as a user's shell script would
 * run it (so a tool calling {@code System.exit} ends only its own JVM). Stdin comes from a string; stdout and
 * stderr are kept in files under the given directory. Bounded: a run that outlives its limit is killed and fails.
 */
record JvmTool(int exitCode, String out, String err) {

    static JvmTool run(Path dir, String stdin, String mainClass, String... args) throws IOException, InterruptedException {
        Path in = Files.createTempFile(dir, "in", ".txt");
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Files.writeString(in, stdin, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:TieredStopAtLevel=1", "-Dtributary.log.level=warn",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(mainClass + " " + String.join(" ", args) + " did not finish in 60 s; stderr:\n"
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new JvmTool(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    /** Fails with the tool's stderr unless it exited 0. */
    JvmTool ok() {
        if (exitCode != 0) {
            throw new AssertionError("exit code " + exitCode + "; stdout:\n" + out + "\nstderr:\n" + err);
        }
        return this;
    }
}
