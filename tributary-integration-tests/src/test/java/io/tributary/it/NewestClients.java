package io.tributary.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of these tests in a child JVM whose kafka-clients is 4.4.0 instead of the 4.2.0 on
 * our class path: this module's compiled test classes plus the jars the build copied to
 * {@code kafka440.dir}. The program must use only the clients' public API. Bounded: a run that
 * outlives its limit is killed and fails.
 */
final class NewestClients {

    static final String VERSION = "4.4.0";

    private NewestClients() {
    }

    /** Stdout (with stderr after it) of a run that exited 0; fails otherwise. */
    static String run(Path workDir, long timeoutSeconds, String mainClass, String... args) throws IOException, InterruptedException {
        Path jars = Path.of(System.getProperty("kafka440.dir", "target/kafka-4.4.0"));
        List<String> classPath = new ArrayList<>();
        classPath.add(testClasses());
        try (var files = Files.list(jars)) {
            files.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(f -> classPath.add(f.toString()));
        }
        if (classPath.stream().noneMatch(p -> p.contains("kafka-clients-" + VERSION))) {
            throw new AssertionError("kafka-clients " + VERSION + " was not copied to " + jars);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", String.join(File.pathSeparator, classPath), mainClass));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(mainClass + " on kafka-clients " + VERSION + " did not finish in " + timeoutSeconds
                    + " s; output:\n" + Files.readString(out, StandardCharsets.UTF_8));
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError(mainClass + " on kafka-clients " + VERSION + " exited " + process.exitValue()
                    + "; output:\n" + output);
        }
        return output;
    }

    /** The directory of this module's compiled test classes, as found on our own class path. */
    private static String testClasses() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith("test-classes") || entry.endsWith("test-classes" + File.separator)) {
                return entry;
            }
        }
        throw new AssertionError("no test-classes directory on the class path");
    }
}
