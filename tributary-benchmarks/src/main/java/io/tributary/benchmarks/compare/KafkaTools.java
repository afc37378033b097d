package io.tributary.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs classes from the resolved Apache Kafka 4.2.0 jars in child JVMs: the broker itself, its storage
 * formatter, and the perf tools that drive both systems. One instance per comparison run; thread-safe
 * because it holds only immutable paths.
 */
public final class KafkaTools {

    private final Path libs;
    private final Path toolsLog4j;
    private final String clientHeap;

    /**
     * @param libs       directory holding kafka_2.13, kafka-tools and their dependencies
     * @param workDir    where the tools' logging configuration is written
     * @param clientHeap heap option for the client tools, the same whichever broker they drive
     */
    public KafkaTools(Path libs, Path workDir, String clientHeap) throws IOException {
        this.libs = libs.toAbsolutePath();
        this.clientHeap = clientHeap;
        this.toolsLog4j = workDir.resolve("tools-log4j2.properties");
        Files.writeString(toolsLog4j, Log4jConfig.toolsConsole());
    }

    public Path libs() {
        return libs;
    }

    public boolean hasBroker() {
        return Files.isRegularFile(libs.resolve("kafka_2.13-4.2.0.jar"))
                && Files.isRegularFile(libs.resolve("kafka-tools-4.2.0.jar"));
    }

    ProcessBuilder javaProcess(String mainClass, String jvmOption, List<String> args) {
        return javaProcess(mainClass, List.of(jvmOption), args);
    }

    ProcessBuilder javaProcess(String mainClass, List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(libs.resolve("*").toString());
        command.add(mainClass);
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    /**
     * Runs a perf tool to completion or until the timeout, whichever is first; a tool still running at the
     * timeout is killed and the run is reported as timed out.
     *
     * @param outputPrefix path prefix for the tool's captured stdout ({@code .out}) and stderr ({@code .err})
     */
    public ToolRun run(String toolClass, List<String> args, Path outputPrefix, Duration timeout)
            throws IOException, InterruptedException {
        Path out = Path.of(outputPrefix + ".out");
        Path err = Path.of(outputPrefix + ".err");
        Process p = javaProcess("org.apache.kafka.tools." + toolClass,
                List.of(clientHeap, "-Dlog4j2.configurationFile=" + toolsLog4j), args)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        ChildProcesses.register(p);
        try {
            boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                new ProcessTree(p).kill();
            }
            return new ToolRun(toolClass, finished ? p.exitValue() : -1, !finished,
                    Files.readString(out), Files.readString(err));
        } finally {
            ChildProcesses.forget(p);
        }
    }

    /** What a finished (or killed) tool left behind. */
    public record ToolRun(String tool, int exitCode, boolean timedOut, String stdout, String stderr) {

        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }

        /** One line saying why the run is unusable, for the report. */
        public String failure() {
            if (timedOut) {
                return tool + " timed out";
            }
            String lastError = stderr.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
            return tool + " exited " + exitCode + (lastError.isEmpty() ? "" : ": " + lastError);
        }
    }
}
