package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.testkit.EmbeddedBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin endpoint over real HTTP: /metrics parsed by the Prometheus project's own text-format parser (Debian's
 * python3-prometheus-client) with counts that must match a produced workload exactly, consumer lag from a real
 * commit, health and cluster health, and JSON errors for unknown paths.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdminEndpointTest {

    private static final int RECORDS = 300;
    private static final int COMMITTED = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void metricsCountTheProducedWorkloadExactlyUnderJmxExporterNamesWithConsumerLag() throws Exception {
        ExternalClients.require(ExternalClients.pythonHas("prometheus_client"), "prometheus_client for /usr/bin/python3",
                "apt-get install -y python3-prometheus-client");
        try (EmbeddedBroker broker = EmbeddedBroker.start(Map.of("group.initial.rebalance.delay.ms", "0"));
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("scraped", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", broker.bootstrapServers(), "linger.ms", "5"),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>("scraped", "k" + i, "v" + i));
                }
                producer.flush();
            }
            admin.alterConsumerGroupOffsets("lagging", Map.of(new TopicPartition("scraped", 0),
                    new OffsetAndMetadata(COMMITTED))).all().get(30, TimeUnit.SECONDS);

            HttpResponse<String> scrape = get(broker.adminUrl() + "/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
            JsonNode samples = parseWithPrometheusClient(scrape.body());

            double logSize = sample(samples, "kafka_log_log_size", Map.of("topic", "scraped", "partition", "0"));
            assertThat(logSize).isPositive();
            assertThat(sample(samples, "kafka_server_brokertopicmetrics_messagesin_total", Map.of("topic", "scraped")))
                    .isEqualTo(RECORDS);
            assertThat(sample(samples, "kafka_server_brokertopicmetrics_bytesin_total", Map.of("topic", "scraped")))
                    .isEqualTo(logSize);
            assertThat(sample(samples, "kafka_log_log_logendoffset", Map.of("topic", "scraped", "partition", "0")))
                    .isEqualTo(RECORDS);
            assertThat(sample(samples, "kafka_consumergroup_lag",
                    Map.of("consumergroup", "lagging", "topic", "scraped", "partition", "0")))
                    .isEqualTo(RECORDS - COMMITTED);
            assertThat(sample(samples, "kafka_consumergroup_lag_sum", Map.of("consumergroup", "lagging",
                    "topic", "scraped"))).isEqualTo(RECORDS - COMMITTED);
            assertThat(sample(samples, "kafka_network_requestmetrics_totaltimems",
                    Map.of("request", "Produce", "quantile", "0.99"))).isGreaterThanOrEqualTo(0);
            // jmx_exporter's summary emulation types the _count series as a counter; the parser reports a counter's
            // samples with the _total suffix it requires, so the text's ..._count line is read back as ..._count_total.
            assertThat(scrape.body()).contains("kafka_network_requestmetrics_totaltimems_count{request=\"Produce\"} ");
            assertThat(sample(samples, "kafka_network_requestmetrics_totaltimems_count_total",
                    Map.of("request", "Produce"))).isPositive();
            assertThat(sample(samples, "kafka_controller_kafkacontroller_activecontrollercount", Map.of()))
                    .isEqualTo(1);
            assertThat(sample(samples, "kafka_server_replicamanager_underreplicatedpartitions", Map.of())).isZero();

            HttpResponse<String> live = get(broker.adminUrl() + "/health/live");
            assertThat(live.statusCode()).isEqualTo(200);
            HttpResponse<String> ready = get(broker.adminUrl() + "/health/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(JSON.readTree(ready.body()).get("ready").asBoolean()).isTrue();
            JsonNode cluster = JSON.readTree(get(broker.adminUrl() + "/v1/cluster/health").body());
            assertThat(cluster.get("is_healthy").asBoolean()).isTrue();
            assertThat(cluster.get("all_nodes").toString()).isEqualTo("[0]");
            assertThat(cluster.get("nodes_down").size()).isZero();

            HttpResponse<String> unknown = get(broker.adminUrl() + "/no/such/page");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(unknown.body()).get("error").asText()).contains("/no/such/page");
        }
    }

    @Test
    void perPartitionSeriesCanBeSwitchedOff() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(Map.of("admin.metrics.partition.series.enable", "false"));
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("many", 8, (short) 1))).all().get(30, TimeUnit.SECONDS);
            String body = get(broker.adminUrl() + "/metrics").body();
            assertThat(body).contains("kafka_server_replicamanager_partitioncount");
            assertThat(body).doesNotContain("partition=\"");
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Every sample as {name, labels, value}, as prometheus_client's parser reads the exposition. */
    private JsonNode parseWithPrometheusClient(String exposition) throws Exception {
        Path text = dir.resolve("metrics.txt");
        Path out = dir.resolve("samples.json");
        Files.writeString(text, exposition, StandardCharsets.UTF_8);
        String script = String.join("\n",
                "import json, sys",
                "from prometheus_client.parser import text_string_to_metric_families",
                "samples = []",
                "for family in text_string_to_metric_families(open(sys.argv[1]).read()):",
                "    for s in family.samples:",
                "        samples.append({'name': s.name, 'labels': s.labels, 'value': s.value})",
                "json.dump(samples, open(sys.argv[2], 'w'))");
        Path py = dir.resolve("parse.py");
        Files.writeString(py, script, StandardCharsets.UTF_8);
        int exit = ExternalClients.run(List.of(ExternalClients.PYTHON, py.toString(), text.toString(), out.toString()),
                dir, dir.resolve("parse.out"), 60);
        assertThat(exit).as(Files.readString(dir.resolve("parse.out"))).isZero();
        return JSON.readTree(out.toFile());
    }

    private static double sample(JsonNode samples, String name, Map<String, String> labels) {
        for (JsonNode sample : samples) {
            if (!sample.get("name").asText().equals(name)) {
                continue;
            }
            Map<String, String> actual = JSON.convertValue(sample.get("labels"),
                    JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
            if (actual.equals(labels)) {
                return sample.get("value").asDouble();
            }
        }
        throw new AssertionError("no sample " + name + labels + " in the scrape");
    }
}
