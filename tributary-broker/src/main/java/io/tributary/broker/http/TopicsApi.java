package io.tributary.broker.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.metadata.TopicInfo;
import io.tributary.broker.replica.Partition;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /v1/topics: the cluster's topics from the cluster image (any broker shows all of them), offsets and sizes of
 * the replicas this broker holds, configs from DescribeConfigs; create, delete, add partitions and alter configs
 * as CreateTopics, DeleteTopics, CreatePartitions and IncrementalAlterConfigs requests. Stateless.
 */
final class TopicsApi {

    private static final byte TOPIC_RESOURCE = 2;

    private final KafkaCalls kafka;
    private final ReplicaManager replicas;

    TopicsApi(KafkaCalls kafka, ReplicaManager replicas) {
        this.kafka = kafka;
        this.replicas = replicas;
    }

    AdminRoutes addTo(AdminRoutes routes) {
        return routes
                .add("GET", "/v1/topics", request -> HttpReply.ok(Map.of("topics", list(request.boolParam("internal", true)))))
                .add("POST", "/v1/topics", this::create)
                .add("GET", "/v1/topics/{topic}", request -> HttpReply.ok(describe(request.path("topic"))))
                .add("DELETE", "/v1/topics/{topic}", this::delete)
                .add("POST", "/v1/topics/{topic}/partitions", this::addPartitions)
                .add("PUT", "/v1/topics/{topic}/configs", this::alterConfigs);
    }

    private List<Map<String, Object>> list(boolean internal) {
        ClusterImage image = kafka.image();
        List<Map<String, Object>> topics = new ArrayList<>();
        for (TopicInfo topic : image.topics().values()) {
            if (!internal && topic.name().startsWith("__")) {
                continue;
            }
            int underReplicated = 0;
            int leaderless = 0;
            for (Map.Entry<Integer, List<Integer>> p : topic.assignment().entrySet()) {
                PartitionState state = image.partition(new TopicPartition(topic.name(), p.getKey()));
                if (state == null || state.leader() < 0 || !image.isAlive(state.leader())) {
                    leaderless++;
                } else if (state.isr().size() < p.getValue().size()) {
                    underReplicated++;
                }
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", topic.name());
            row.put("internal", topic.name().startsWith("__"));
            row.put("partitions", topic.assignment().size());
            row.put("replication_factor", topic.assignment().isEmpty() ? 0 : topic.assignment().get(topic.assignment().firstKey()).size());
            row.put("under_replicated_partitions", underReplicated);
            row.put("leaderless_partitions", leaderless);
            row.put("being_deleted", image.topicsBeingDeleted().contains(topic.name()));
            topics.add(row);
        }
        return topics;
    }

    private Map<String, Object> describe(String name) throws Exception {
        ClusterImage image = kafka.image();
        TopicInfo topic = image.topic(name);
        if (topic == null) {
            throw BadRequestException.notFound("topic", "no topic " + name);
        }
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> p : topic.assignment().entrySet()) {
            TopicPartition tp = new TopicPartition(name, p.getKey());
            PartitionState state = image.partition(tp);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("partition", p.getKey());
            row.put("leader", state == null ? -1 : state.leader());
            row.put("replicas", p.getValue());
            row.put("isr", state == null ? List.of() : state.isr());
            row.put("under_replicated", state != null && state.isr().size() < p.getValue().size());
            Partition local = replicas.partition(tp);
            if (local != null) {
                row.put("log_start_offset", local.logStartOffset());
                row.put("high_watermark", local.highWatermark());
                row.put("log_end_offset", local.logEndOffset());
                row.put("size_bytes", local.log().size());
            }
            partitions.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("topic_id", topic.topicId() == null ? null : topic.topicId().toString());
        body.put("partitions", partitions);
        body.put("configs", configs(name));
        return body;
    }

    private List<Map<String, Object>> configs(String topic) throws Exception {
        Struct request = MessageCodec.newRequest(ApiKey.DESCRIBE_CONFIGS).set("include_synonyms", false);
        request.addChild("resources").set("resource_type", TOPIC_RESOURCE).set("resource_name", topic)
                .set("configuration_keys", null);
        Struct response = kafka.local(ApiKey.DESCRIBE_CONFIGS, 1, request);
        List<Map<String, Object>> configs = new ArrayList<>();
        for (Struct result : response.getStructs("results")) {
            KafkaCalls.check(result.getShort("error_code"), result.getString("error_message"), "topic");
            for (Struct config : result.getStructs("configs")) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", config.getString("name"));
                row.put("value", config.getString("value"));
                row.put("source", sourceName(config.getByte("config_source")));
                configs.add(row);
            }
        }
        return configs;
    }

    private static String sourceName(byte source) {
        return switch (source) {
            case 1 -> "topic";
            case 2 -> "broker";
            case 3 -> "cluster_default";
            case 4 -> "static_broker";
            case 5 -> "default";
            default -> "unknown";
        };
    }

    private HttpReply create(AdminRequest request) throws Exception {
        JsonNode body = request.json();
        String name = text(body, "name");
        int partitions = integer(body, "partitions", 1);
        int replicationFactor = integer(body, "replication_factor", Math.min(3, kafka.image().brokers().size()));
        Struct create = MessageCodec.newRequest(ApiKey.CREATE_TOPICS).set("timeout_ms", 15_000).set("validate_only", false);
        Struct topic = create.addChild("topics").set("name", name).set("num_partitions", partitions)
                .set("replication_factor", (short) replicationFactor);
        JsonNode configs = body.get("configs");
        if (configs != null && configs.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = configs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                topic.addChild("configs").set("name", entry.getKey()).set("value", entry.getValue().asText());
            }
        }
        Struct response = kafka.local(ApiKey.CREATE_TOPICS, 4, create);
        for (Struct result : response.getStructs("topics")) {
            KafkaCalls.check(result.getShort("error_code"), result.getString("error_message"), "name");
        }
        return HttpReply.json(201, Map.of("created", name, "partitions", partitions,
                "replication_factor", replicationFactor));
    }

    private HttpReply delete(AdminRequest request) throws Exception {
        String name = request.path("topic");
        if (kafka.image().topic(name) == null) {
            throw BadRequestException.notFound("topic", "no topic " + name);
        }
        Struct delete = MessageCodec.newRequest(ApiKey.DELETE_TOPICS).set("topic_names", List.of(name))
                .set("timeout_ms", 15_000);
        Struct response = kafka.local(ApiKey.DELETE_TOPICS, 3, delete);
        for (Struct result : response.getStructs("responses")) {
            KafkaCalls.check(result.getShort("error_code"), null, "topic");
        }
        return HttpReply.ok(Map.of("deleted", name));
    }

    private HttpReply addPartitions(AdminRequest request) throws Exception {
        String name = request.path("topic");
        int count = integer(request.json(), "count", -1);
        Struct create = MessageCodec.newRequest(ApiKey.CREATE_PARTITIONS).set("timeout_ms", 15_000)
                .set("validate_only", false);
        create.addChild("topics").set("name", name).set("count", count).set("assignments", null);
        Struct response = kafka.local(ApiKey.CREATE_PARTITIONS, 1, create);
        for (Struct result : response.getStructs("results")) {
            KafkaCalls.check(result.getShort("error_code"), result.getString("error_message"), "count");
        }
        return HttpReply.ok(Map.of("topic", name, "partitions", count));
    }

    /** {@code {"configs": {"retention.ms": "1000", "cleanup.policy": null}}}: a value sets, null removes. */
    private HttpReply alterConfigs(AdminRequest request) throws Exception {
        String name = request.path("topic");
        JsonNode configs = request.json().get("configs");
        if (configs == null || !configs.isObject() || configs.isEmpty()) {
            throw new BadRequestException("configs", "configs must be a non-empty object of key to value (null removes)");
        }
        Struct alter = MessageCodec.newRequest(ApiKey.INCREMENTAL_ALTER_CONFIGS).set("validate_only", false);
        Struct resource = alter.addChild("resources").set("resource_type", TOPIC_RESOURCE).set("resource_name", name);
        for (Iterator<Map.Entry<String, JsonNode>> it = configs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            boolean remove = entry.getValue().isNull();
            resource.addChild("configs").set("name", entry.getKey()).set("config_operation", (byte) (remove ? 1 : 0))
                    .set("value", remove ? null : entry.getValue().asText());
        }
        Struct response = kafka.local(ApiKey.INCREMENTAL_ALTER_CONFIGS, 0, alter);
        for (Struct result : response.getStructs("responses")) {
            KafkaCalls.check(result.getShort("error_code"), result.getString("error_message"), "configs");
        }
        return HttpReply.ok(Map.of("topic", name, "configs", configs(name)));
    }

    static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new BadRequestException(field, field + " is required (a non-empty string)");
        }
        return node.asText();
    }

    static int integer(JsonNode body, String field, int fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (fallback < 0) {
                throw new BadRequestException(field, field + " is required (an integer)");
            }
            return fallback;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.asInt();
        }
        if (node.isTextual() && node.asText().matches("-?\\d{1,9}")) {
            return Integer.parseInt(node.asText());
        }
        throw new BadRequestException(field, field + " must be an integer, got " + node);
    }
}
