package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.tributary.testkit.EmbeddedBroker;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * librdkafka's kcat against Tributary: metadata listing, producing a file of lines, consuming them back.
 * kcat must be on PATH when CI=true (CI installs Debian's kcat); elsewhere its absence skips these tests.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KcatTest {

    private static EmbeddedBroker broker;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBroker() throws Exception {
        boolean installed = onPath("kcat");
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("kcat is not on PATH but CI=true: install it (apt-get install -y kcat) so these tests run");
        }
        Assumptions.assumeTrue(installed, "kcat is not on PATH (not CI, so skipping)");
        broker = EmbeddedBroker.start(Map.of());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void kcatListsTheBrokerAndItsTopics() throws Exception {
        Clients.createTopic(broker.bootstrapServers(), "kcat-listed", 2);
        String listing = kcat("-b", broker.bootstrapServers(), "-L");
        assertThat(listing).contains("1 brokers:");
        assertThat(listing).contains("broker " + broker.broker().brokerId() + " at " + broker.bootstrapServers());
        assertThat(listing).contains("topic \"kcat-listed\" with 2 partitions:");
    }

    @Test
    void kcatProducesAFileOfLinesAndConsumesThemBack() throws Exception {
        Clients.createTopic(broker.bootstrapServers(), "kcat-lines", 1);
        List<String> lines = IntStream.range(0, 50).mapToObj(i -> "line " + i + " {\"n\":" + i + "}").toList();
        Path file = tmp.resolve("lines.txt");
        Files.write(file, lines, StandardCharsets.UTF_8);

        kcat("-b", broker.bootstrapServers(), "-t", "kcat-lines", "-P", "-l", file.toString());
        String consumed = kcat("-b", broker.bootstrapServers(), "-t", "kcat-lines", "-C", "-e", "-o", "beginning", "-q");

        assertThat(consumed.lines().toList()).containsExactlyElementsOf(lines);
    }

    /** Runs kcat, bounded to 30 s, and returns its stdout; fails with its output if it exits non-zero. */
    private String kcat(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("kcat");
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "kcat", ".out");
        Path err = Files.createTempFile(tmp, "kcat", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not finish in 30 s; stderr: " + Files.readString(err));
        }
        assertThat(process.exitValue()).as("%s stderr: %s", command, Files.readString(err)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
