package io.tributary.tools.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.FreePort;
import io.tributary.testkit.Readiness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker started the way bin/tributary starts one (config/log4j2.xml, kafka.logs.dir) writes Kafka's log files:
 * its own lines in server.log, the controller's in controller.log, partition leadership in state-change.log, no
 * request lines by default, and its last line on SIGTERM.
 */
class BrokerLogFilesTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void brokerWritesKafkasLogFilesUnderKafkaLogsDir() throws Exception {
        int port = FreePort.pick();
        Path logs = dir.resolve("logs");
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "broker.id=0", "listeners=PLAINTEXT://127.0.0.1:" + port, "log.dirs=" + dir.resolve("data"),
                "offsets.topic.replication.factor=1", "admin.listeners="), StandardCharsets.UTF_8);
        Path configFile = Path.of("..", "config", "log4j2.xml").toAbsolutePath().normalize();
        Process broker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dlog4j2.configurationFile=" + configFile, "-Dkafka.logs.dir=" + logs,
                "-cp", System.getProperty("java.class.path"), "io.tributary.tools.TributaryCommand", "server-start",
                properties.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.out").toFile()).start();
        try {
            Readiness.awaitServing("127.0.0.1", port, Duration.ofSeconds(60), broker::isAlive);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:" + port))) {
                admin.createTopics(List.of(new NewTopic("logged", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            awaitLine(logs.resolve("state-change.log"), "leading logged-0");
            assertThat(read(logs.resolve("server.log"))).contains("Broker 0 started in");
            assertThat(read(logs.resolve("controller.log"))).contains("Broker 0 is the controller");
            assertThat(read(logs.resolve("server.log"))).doesNotContain("is the controller");
        } finally {
            broker.destroy(); // SIGTERM, as kill or systemd would
            assertThat(broker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(read(logs.resolve("server.log"))).contains("Broker 0 stopped in");
        assertThat(read(logs.resolve("kafka-request.log"))).isEmpty();
        assertThat(read(dir.resolve("server.out"))).contains("Broker 0 started in");
    }

    private static void awaitLine(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!read(file).contains(text)) {
            assertThat(System.nanoTime()).as(file + " never contained '" + text + "':\n" + read(file))
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static String read(Path file) throws Exception {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
