package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.testkit.EmbeddedBroker;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The console's JSON API over real HTTP, each action checked from the other side with kafka-clients: a topic made
 * by the API is a Kafka topic, a message produced by it is consumed by a KafkaConsumer, a config it sets is what
 * DescribeConfigs says, an offset reset is what the group's committed offsets become. Bad input is a 400 (or 404)
 * naming the parameter.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConsoleApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private EmbeddedBroker broker;
    private Admin admin;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedBroker.start(Map.of("group.initial.rebalance.delay.ms", "0", "offsets.topic.num.partitions", "3"));
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    @AfterEach
    void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void topicActionsAreKafkaActions() throws Exception {
        assertThat(call("POST", "/v1/topics", "{\"name\":\"made-here\",\"partitions\":2,\"replication_factor\":1}")
                .statusCode()).isEqualTo(201);
        assertThat(admin.describeTopics(List.of("made-here")).allTopicNames().get(30, TimeUnit.SECONDS)
                .get("made-here").partitions()).hasSize(2);

        assertThat(call("POST", "/v1/topics/made-here/partitions", "{\"count\":4}").statusCode()).isEqualTo(200);
        assertThat(admin.describeTopics(List.of("made-here")).allTopicNames().get(30, TimeUnit.SECONDS)
                .get("made-here").partitions()).hasSize(4);

        assertThat(call("PUT", "/v1/topics/made-here/configs", "{\"configs\":{\"retention.ms\":\"7777777\"}}")
                .statusCode()).isEqualTo(200);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "made-here");
        ConfigEntry retention = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                .get("retention.ms");
        assertThat(retention.value()).isEqualTo("7777777");

        JsonNode listed = json(call("GET", "/v1/topics", null));
        assertThat(listed.get("topics").findValuesAsText("name")).contains("made-here");

        assertThat(call("DELETE", "/v1/topics/made-here", null).statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("made-here")) {
            assertThat(System.nanoTime()).as("topic still listed after delete").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void producedMessageIsConsumedByKafkaClientsAndFoundByKeySearch() throws Exception {
        call("POST", "/v1/topics", "{\"name\":\"browsed\",\"partitions\":1,\"replication_factor\":1}");
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> produced = call("POST", "/v1/topics/browsed/messages",
                    "{\"partition\":0,\"key\":\"key-" + i + "\",\"value\":\"value " + i + "\",\"headers\":{\"n\":\"" + i + "\"}}");
            assertThat(produced.statusCode()).as(produced.body()).isEqualTo(201);
            assertThat(json(produced).get("offset").asLong()).isEqualTo(i);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition("browsed", 0)));
            consumer.seek(new TopicPartition("browsed", 0), 17);
            ConsumerRecord<String, String> record = consumer.poll(Duration.ofSeconds(10)).iterator().next();
            assertThat(record.key()).isEqualTo("key-17");
            assertThat(new String(record.headers().lastHeader("n").value(), StandardCharsets.UTF_8)).isEqualTo("17");
        }

        JsonNode newest = json(call("GET", "/v1/topics/browsed/messages?partition=0&limit=5", null));
        assertThat(newest.get("messages").findValuesAsText("key")).containsExactly("key-29", "key-28", "key-27",
                "key-26", "key-25");

        JsonNode found = json(call("GET", "/v1/topics/browsed/messages?partition=0&search=key-17&search_in=key", null));
        assertThat(found.get("messages")).hasSize(1);
        assertThat(found.get("messages").get(0).get("value").asText()).isEqualTo("value 17");
        assertThat(found.get("scan").get("stopped_because").asText()).isEqualTo("end_of_log");

        JsonNode fromOffset = json(call("GET", "/v1/topics/browsed/messages?partition=0&offset=10&limit=3", null));
        assertThat(fromOffset.get("messages").findValuesAsText("key")).containsExactly("key-12", "key-11", "key-10");
    }

    @Test
    void resetOffsetsPreviewsThenCommitsWhatKafkaClientsRead() throws Exception {
        call("POST", "/v1/topics", "{\"name\":\"consumed\",\"partitions\":1,\"replication_factor\":1}");
        for (int i = 0; i < 10; i++) {
            call("POST", "/v1/topics/consumed/messages", "{\"partition\":0,\"value\":\"m" + i + "\"}");
        }
        TopicPartition tp = new TopicPartition("consumed", 0);
        admin.alterConsumerGroupOffsets("readers", Map.of(tp, new OffsetAndMetadata(10))).all().get(30, TimeUnit.SECONDS);

        JsonNode group = json(call("GET", "/v1/groups/readers", null));
        assertThat(group.get("state").asText()).isEqualTo("Empty");
        assertThat(group.get("total_lag").asLong()).isZero();

        JsonNode preview = json(call("POST", "/v1/groups/readers/reset-offsets", "{\"topic\":\"consumed\",\"to\":\"offset\",\"value\":4}"));
        assertThat(preview.get("dry_run").asBoolean()).isTrue();
        assertThat(preview.get("offsets").get(0).get("target_offset").asLong()).isEqualTo(4);
        assertThat(committed("readers", tp)).isEqualTo(10);

        call("POST", "/v1/groups/readers/reset-offsets", "{\"topic\":\"consumed\",\"to\":\"offset\",\"value\":4,\"dry_run\":false}");
        assertThat(committed("readers", tp)).isEqualTo(4);
        assertThat(json(call("GET", "/v1/groups/readers", null)).get("total_lag").asLong()).isEqualTo(6);
        assertThat(json(call("GET", "/v1/groups", null)).get("groups").findValuesAsText("group_id")).contains("readers");

        assertThat(call("DELETE", "/v1/groups/readers", null).statusCode()).isEqualTo(200);
        assertThat(admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)).noneMatch(g -> g.groupId().equals("readers"));
    }

    @Test
    void badInputIsRefusedNamingTheParameter() throws Exception {
        call("POST", "/v1/topics", "{\"name\":\"strict\",\"partitions\":1,\"replication_factor\":1}");
        call("POST", "/v1/topics/strict/messages", "{\"value\":\"only\"}");
        assertRefused(call("GET", "/v1/topics/strict/messages?offset=50", null), 400, "offset");
        assertRefused(call("GET", "/v1/topics/strict/messages?partition=9", null), 400, "partition");
        assertRefused(call("GET", "/v1/topics/strict/messages?partition=x", null), 400, "partition");
        assertRefused(call("GET", "/v1/topics/strict/messages?search=" + URLEncoder.encode("([", StandardCharsets.UTF_8)
                + "&regex=true", null), 400, "search");
        assertRefused(call("GET", "/v1/topics/strict/messages?limit=100000", null), 400, "limit");
        assertRefused(call("GET", "/v1/topics/missing", null), 404, "topic");
        assertRefused(call("POST", "/v1/topics", "{\"partitions\":1}"), 400, "name");
        assertRefused(call("POST", "/v1/topics", "not json"), 400, "body");
        assertRefused(call("POST", "/v1/topics/strict/partitions", "{\"count\":1}"), 400, "count");
        assertRefused(call("PUT", "/v1/topics/strict/configs", "{\"configs\":{\"retention.ms\":\"soon\"}}"), 400,
                "configs");
        assertRefused(call("POST", "/v1/groups/nobody/reset-offsets", "{\"topic\":\"strict\",\"to\":\"yesterday\"}"),
                400, "to");
        HttpResponse<String> wrongMethod = call("DELETE", "/metrics", null);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
    }

    private void assertRefused(HttpResponse<String> response, int status, String parameter) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).get("parameter").asText()).as(response.body()).isEqualTo(parameter);
        assertThat(json(response).get("error").asText()).isNotBlank();
    }

    private long committed(String group, TopicPartition tp) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .get(tp).offset();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(broker.adminUrl() + path))
                .timeout(Duration.ofSeconds(30));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
