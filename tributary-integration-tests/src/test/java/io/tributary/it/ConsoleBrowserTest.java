package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.ChildProcessCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in a real headless Chromium against a three-broker cluster of child processes, as an operator would
 * use it: the overview is healthy; a topic is created from the topics page; a message produced from the browser is
 * found again by searching for its key; a consumer group's lag rises as records arrive and falls as a consumer
 * runs; its offsets are reset after a dry-run preview; and when a broker is killed, under-replicated partitions
 * appear and the health of the console's broker turns unready. Screenshots of every step are saved under
 * target/console-screenshots/, and the load times of the pages are printed. About 50 s; -Pbrowser runs it alone.
 */
@Tag("browser")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ConsoleBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String TOPIC = "clicks";
    private static final String GROUP = "dashboards";

    @TempDir
    Path dir;

    private final Map<String, Long> stepMs = new LinkedHashMap<>();

    @Test
    void operatorWorksTheClusterFromTheConsole() throws Exception {
        ExternalClients.require(Files.isExecutable(Path.of(ConsoleBrowser.CHROMIUM))
                && Files.isExecutable(Path.of(ConsoleBrowser.CHROMEDRIVER)), "chromium and chromedriver",
                "apt-get install -y chromium chromium-driver");
        Path screenshots = Path.of("target", "console-screenshots");
        try (ChildProcessCluster cluster = ChildProcessCluster.start(3, Map.of("group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "3"));
             Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
             ConsoleBrowser browser = new ConsoleBrowser(dir.resolve("chromium-profile"), screenshots)) {
            String console = cluster.broker(0).adminUrl();

            browser.open("overview", console + "/");
            browser.await("overview healthy", WAIT, browser.textContains("#card-health", "Healthy"));
            browser.await("three brokers up", WAIT, d -> browser.find("#broker-table").getText().lines()
                    .filter(line -> line.matches(".* up( controller)?$")).count() == 3);
            browser.screenshot("overview-healthy");

            timed("topics page", () -> {
                browser.go("#/topics");
                browser.await("topics page", WAIT, browser.textContains("h1", "Topics"));
            });
            browser.type("#new-topic-name", TOPIC);
            browser.type("#new-topic-partitions", "3");
            browser.type("#new-topic-rf", "3");
            browser.click("#create-topic-button");
            browser.await("topic listed", WAIT, browser.textContains("#topic-table", TOPIC));
            browser.screenshot("topic-created");
            assertThat(admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC)
                    .partitions()).hasSize(3);

            produce(cluster, 0, 50, "filler-");
            timed("message browser", () -> {
                browser.go("#/messages/" + TOPIC);
                browser.await("message browser", WAIT, browser.textContains("#scan-summary", "scanned"));
            });
            browser.type("#produce-key", "needle-42");
            browser.type("#produce-value", "{\"page\": \"/pricing\", \"ms\": 231}");
            browser.click("#produce-button");
            browser.await("produced", WAIT, browser.textContains("#toast", "Produced at offset 50"));
            browser.type("#browse-search", "needle-42");
            browser.find("#browse-mode").sendKeys("json");
            timed("key search", () -> {
                browser.click("#browse-button");
                browser.await("found by key", WAIT, browser.textContains("#message-table", "needle-42"));
            });
            assertThat(browser.find("#message-table").getText()).contains("/pricing").doesNotContain("filler-");
            browser.screenshot("message-found-by-key");

            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            for (int p = 0; p < 3; p++) {
                start.put(new TopicPartition(TOPIC, p), new OffsetAndMetadata(p == 0 ? 51 : 0));
            }
            admin.alterConsumerGroupOffsets(GROUP, start).all().get(30, TimeUnit.SECONDS);
            timed("group page", () -> {
                browser.go("#/groups/" + GROUP);
                browser.await("group page", WAIT, browser.textContains("#group-lag", "0"));
            });
            for (int p = 0; p < 3; p++) {
                produce(cluster, p, 100, "event-");
            }
            browser.await("lag rises to 300", WAIT, browser.textContains("#group-lag", "300"));
            browser.screenshot("group-lag-risen");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                    cluster.bootstrapServers(), "group.id", GROUP, "enable.auto.commit", "false"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(TOPIC));
                int consumed = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (consumed < 300 && System.nanoTime() < deadline) {
                    consumed += consumer.poll(Duration.ofMillis(300)).count();
                    consumer.commitSync();
                }
                assertThat(consumed).isEqualTo(300);
                browser.await("lag falls to 0 while the consumer runs", WAIT, d -> {
                    consumer.poll(Duration.ofMillis(50));
                    return browser.find("#group-lag").getText().endsWith("\n0")
                            && browser.find("#group-state").getText().contains("Stable");
                });
                browser.screenshot("group-lag-fallen");
            }
            browser.await("group empty after the consumer left", WAIT, browser.textContains("#group-state", "Empty"));

            browser.type("#reset-topic", TOPIC);
            browser.find("#reset-to").sendKeys("earliest");
            browser.click("#reset-preview");
            browser.await("dry run shown", WAIT, browser.textContains("#reset-mode", "Dry run"));
            assertThat(admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .get(new TopicPartition(TOPIC, 1)).offset()).isEqualTo(100);
            browser.screenshot("reset-offsets-preview");
            browser.click("#reset-apply");
            browser.await("offsets reset", WAIT, browser.textContains("#reset-mode", "Offsets reset"));
            browser.await("lag back to every record", WAIT, browser.textContains("#group-lag", "351"));
            assertThat(admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .get(new TopicPartition(TOPIC, 1)).offset()).isZero();
            browser.screenshot("reset-offsets-applied");

            browser.go("#/topics/" + TOPIC);
            browser.await("topic page", WAIT, browser.textContains("#config-table", "min.insync.replicas"));
            browser.type("#config-key", "min.insync.replicas");
            browser.type("#config-value", "3");
            browser.click("#edit-config button");
            browser.await("config saved", WAIT, browser.textContains("#toast", "Config saved"));
            browser.await("override shown", WAIT, d -> browser.find("#config-table").getText()
                    .contains("min.insync.replicas 3 topic"));
            browser.screenshot("topic-config-min-isr-3");

            int victim = 2;
            assertThat(List.of(0, 1, 2).stream().anyMatch(p -> cluster.leaderOf(TOPIC, p) == 0))
                    .as("broker 0 leads a partition of " + TOPIC).isTrue();
            cluster.kill(victim);
            browser.go("#/overview");
            browser.await("under-replicated partitions appear", WAIT, d -> !browser.find("#card-urp").getText()
                    .endsWith("\n0"));
            browser.await("broker 0 turns unready", WAIT, browser.textContains("#card-ready", "Not ready"));
            browser.await("a failing check is named", WAIT, browser.textContains("#health-checks", "FAILING"));
            assertThat(browser.find("#health-checks").getText()).contains("led_partitions_min_isr");
            assertThat(browser.find("#broker-table").getText()).contains("DOWN");
            browser.screenshot("broker-killed-unready");

            System.out.println("Console page load (navigation to load event), ms: " + browser.loadTimesMs());
            System.out.println("Console in-page steps (route change or action to content shown), ms: " + stepMs);
        }
    }

    private void timed(String step, Runnable action) {
        long start = System.nanoTime();
        action.run();
        stepMs.put(step, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private static void produce(ChildProcessCluster cluster, int partition, int count, String prefix) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                cluster.bootstrapServers(), "acks", "all"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(TOPIC, partition, prefix + i, "payload " + i));
            }
            producer.flush();
        }
    }
}
