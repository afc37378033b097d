package io.tributary.broker.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.broker.metadata.BrokerInfo;
import io.tributary.broker.metadata.TopicInfo;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.types.Struct;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * /v1/groups: every group of the cluster (ListGroups to each live broker), a group's members, assignment,
 * committed offsets and lag (DescribeGroups and OffsetFetch to its coordinator, ListOffsets to each partition's
 * leader), resetting its offsets (computed, shown as a dry run, then committed with OffsetCommit only when the
 * group has no members, as kafka-consumer-groups requires) and deleting it (DeleteGroups). Stateless.
 */
final class GroupsApi {

    private final KafkaCalls kafka;

    GroupsApi(KafkaCalls kafka) {
        this.kafka = kafka;
    }

    AdminRoutes addTo(AdminRoutes routes) {
        return routes.add("GET", "/v1/groups", request -> HttpReply.ok(Map.of("groups", list())))
                .add("GET", "/v1/groups/{group}", request -> HttpReply.ok(describe(request.path("group"))))
                .add("POST", "/v1/groups/{group}/reset-offsets", this::reset)
                .add("DELETE", "/v1/groups/{group}", this::delete);
    }

    private List<Map<String, Object>> list() throws IOException {
        Map<String, Map<String, Object>> groups = new TreeMap<>();
        for (BrokerInfo broker : kafka.image().brokers().values()) {
            Struct response = kafka.call(broker.id(), ApiKey.LIST_GROUPS, 4,
                    MessageCodec.newRequest(ApiKey.LIST_GROUPS).set("states_filter", List.of()));
            for (Struct group : response.getStructs("groups")) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("group_id", group.getString("group_id"));
                row.put("protocol_type", group.getString("protocol_type"));
                row.put("state", group.getString("group_state"));
                row.put("coordinator", broker.id());
                groups.put(group.getString("group_id"), row);
            }
        }
        for (Map<String, Object> row : groups.values()) {
            try {
                Map<String, Object> detail = describe((String) row.get("group_id"));
                row.put("members", ((List<?>) detail.get("members")).size());
                row.put("total_lag", detail.get("total_lag"));
            } catch (BadRequestException | IOException e) {
                row.put("error", e.getMessage());
            }
        }
        return new ArrayList<>(groups.values());
    }

    Map<String, Object> describe(String group) throws IOException {
        int coordinator = kafka.coordinatorOf(group);
        Struct describe = kafka.call(coordinator, ApiKey.DESCRIBE_GROUPS, 3,
                MessageCodec.newRequest(ApiKey.DESCRIBE_GROUPS).set("groups", List.of(group)));
        Struct described = describe.getStructs("groups").get(0);
        KafkaCalls.check(described.getShort("error_code"), null, "group");
        String state = described.getString("group_state");
        if (state.equals("Dead")) {
            throw BadRequestException.notFound("group", "no group " + group);
        }
        List<Map<String, Object>> members = new ArrayList<>();
        for (Struct member : described.getStructs("members")) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("member_id", member.getString("member_id"));
            row.put("client_id", member.getString("client_id"));
            row.put("client_host", member.getString("client_host"));
            row.put("assignment", assignment(member.getBytes("member_assignment")));
            members.add(row);
        }
        Map<TopicPartition, Long> committed = committed(coordinator, group);
        List<Map<String, Object>> offsets = new ArrayList<>();
        long totalLag = 0;
        for (Map.Entry<TopicPartition, Long> entry : committed.entrySet()) {
            TopicPartition tp = entry.getKey();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("topic", tp.topic());
            row.put("partition", tp.partition());
            row.put("committed_offset", entry.getValue());
            try {
                long end = listOffset(tp, -1L);
                long lag = Math.max(0, end - entry.getValue());
                row.put("log_end_offset", end);
                row.put("lag", lag);
                totalLag += lag;
            } catch (BadRequestException e) {
                row.put("error", e.getMessage());
            }
            offsets.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("group_id", group);
        body.put("state", state);
        body.put("protocol_type", described.getString("protocol_type"));
        body.put("assignor", described.getString("protocol_data"));
        body.put("coordinator", coordinator);
        body.put("members", members);
        body.put("offsets", offsets);
        body.put("total_lag", totalLag);
        return body;
    }

    private Map<TopicPartition, Long> committed(int coordinator, String group) throws IOException {
        Struct request = MessageCodec.newRequest(ApiKey.OFFSET_FETCH).set("group_id", group).set("topics", null)
                .set("require_stable", false);
        Struct response = kafka.call(coordinator, ApiKey.OFFSET_FETCH, 7, request);
        KafkaCalls.check(response.getShort("error_code"), null, "group");
        Map<TopicPartition, Long> committed = new TreeMap<>((a, b) -> a.topic().equals(b.topic())
                ? Integer.compare(a.partition(), b.partition()) : a.topic().compareTo(b.topic()));
        for (Struct topic : response.getStructs("topics")) {
            for (Struct partition : topic.getStructs("partitions")) {
                if (partition.getLong("committed_offset") >= 0) {
                    committed.put(new TopicPartition(topic.getString("name"), partition.getInt("partition_index")),
                            partition.getLong("committed_offset"));
                }
            }
        }
        return committed;
    }

    /** -1 latest, -2 earliest, else the first offset at or after that timestamp (latest when none). */
    long listOffset(TopicPartition tp, long timestamp) throws IOException {
        Struct request = MessageCodec.newRequest(ApiKey.LIST_OFFSETS).set("replica_id", -1)
                .set("isolation_level", (byte) 0);
        request.addChild("topics").set("name", tp.topic()).addChild("partitions").set("partition_index", tp.partition())
                .set("current_leader_epoch", -1).set("timestamp", timestamp);
        Struct response = kafka.call(kafka.leaderOf(tp), ApiKey.LIST_OFFSETS, 4, request);
        Struct partition = response.getStructs("topics").get(0).getStructs("partitions").get(0);
        KafkaCalls.check(partition.getShort("error_code"), null, "partition");
        long offset = partition.getLong("offset");
        return offset < 0 && timestamp >= 0 ? listOffset(tp, -1L) : offset;
    }

    /**
     * {@code {"topic": "t", "to": "earliest|latest|timestamp|offset", "value": n, "dry_run": true}}; every partition
     * of the topic unless {@code "partitions": [..]} narrows it. Dry run unless dry_run is false.
     */
    private HttpReply reset(AdminRequest request) throws IOException {
        String group = request.path("group");
        JsonNode body = request.json();
        String topic = TopicsApi.text(body, "topic");
        TopicInfo info = kafka.image().topic(topic);
        if (info == null) {
            throw BadRequestException.notFound("topic", "no topic " + topic);
        }
        String to = TopicsApi.text(body, "to").toLowerCase(Locale.ROOT);
        if (!List.of("earliest", "latest", "timestamp", "offset").contains(to)) {
            throw new BadRequestException("to", "to must be earliest, latest, timestamp or offset, got '" + to + "'");
        }
        if ((to.equals("timestamp") || to.equals("offset")) && requireValue(body, to) < 0) {
            throw new BadRequestException("value", "value must not be negative");
        }
        boolean dryRun = !body.has("dry_run") || body.get("dry_run").asBoolean(true);
        List<Integer> partitions = new ArrayList<>();
        if (body.has("partitions") && body.get("partitions").isArray()) {
            body.get("partitions").forEach(p -> partitions.add(p.asInt()));
            for (int p : partitions) {
                if (!info.assignment().containsKey(p)) {
                    throw new BadRequestException("partitions", "topic " + topic + " has no partition " + p);
                }
            }
        } else {
            partitions.addAll(info.assignment().keySet());
        }
        Map<String, Object> described = describeOrEmpty(group);
        List<Map<String, Object>> plan = new ArrayList<>();
        for (int p : partitions) {
            TopicPartition tp = new TopicPartition(topic, p);
            long earliest = listOffset(tp, -2L);
            long latest = listOffset(tp, -1L);
            long target = switch (to) {
                case "earliest" -> earliest;
                case "latest" -> latest;
                case "timestamp" -> listOffset(tp, requireValue(body, "timestamp"));
                case "offset" -> Math.max(earliest, Math.min(latest, requireValue(body, "offset")));
                default -> throw new BadRequestException("to", "to must be earliest, latest, timestamp or offset, got '"
                        + to + "'");
            };
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("topic", topic);
            row.put("partition", p);
            row.put("current_offset", currentOffset(described, tp));
            row.put("target_offset", target);
            plan.add(row);
        }
        if (!dryRun) {
            String state = (String) described.get("state");
            if (!state.equals("Empty") && !state.equals("Dead")) {
                throw new BadRequestException(409, "group", "group " + group + " is " + state
                        + "; stop its consumers before resetting its offsets");
            }
            commit(group, plan);
        }
        return HttpReply.ok(Map.of("group_id", group, "dry_run", dryRun, "offsets", plan));
    }

    private Map<String, Object> describeOrEmpty(String group) throws IOException {
        try {
            return describe(group);
        } catch (BadRequestException e) {
            if (e.status() != 404) {
                throw e;
            }
            return Map.of("state", "Dead", "offsets", List.of());
        }
    }

    private static Object currentOffset(Map<String, Object> described, TopicPartition tp) {
        for (Object o : (List<?>) described.get("offsets")) {
            Map<?, ?> row = (Map<?, ?>) o;
            if (tp.topic().equals(row.get("topic")) && Integer.valueOf(tp.partition()).equals(row.get("partition"))) {
                return row.get("committed_offset");
            }
        }
        return null;
    }

    private static long requireValue(JsonNode body, String what) {
        JsonNode value = body.get("value");
        if (value == null || !value.canConvertToLong()) {
            throw new BadRequestException("value", "value (the " + what + ") is required as an integer");
        }
        return value.asLong();
    }

    private void commit(String group, List<Map<String, Object>> plan) throws IOException {
        int coordinator = kafka.coordinatorOf(group);
        Struct request = MessageCodec.newRequest(ApiKey.OFFSET_COMMIT).set("group_id", group)
                .set("generation_id_or_member_epoch", -1).set("member_id", "").set("group_instance_id", null);
        Struct topic = request.addChild("topics").set("name", plan.get(0).get("topic"));
        for (Map<String, Object> row : plan) {
            topic.addChild("partitions").set("partition_index", row.get("partition"))
                    .set("committed_offset", row.get("target_offset")).set("committed_leader_epoch", -1)
                    .set("committed_metadata", "");
        }
        Struct response = kafka.call(coordinator, ApiKey.OFFSET_COMMIT, 7, request);
        for (Struct t : response.getStructs("topics")) {
            for (Struct p : t.getStructs("partitions")) {
                KafkaCalls.check(p.getShort("error_code"), null, "group");
            }
        }
    }

    private HttpReply delete(AdminRequest request) throws IOException {
        String group = request.path("group");
        int coordinator = kafka.coordinatorOf(group);
        Struct response = kafka.call(coordinator, ApiKey.DELETE_GROUPS, 1,
                MessageCodec.newRequest(ApiKey.DELETE_GROUPS).set("groups_names", List.of(group)));
        for (Struct result : response.getStructs("results")) {
            KafkaCalls.check(result.getShort("error_code"), null, "group");
        }
        return HttpReply.ok(Map.of("deleted", group));
    }

    /** The consumer protocol's assignment (version, then topic and partitions), or null when it is not one. */
    private static Map<String, List<Integer>> assignment(ByteBuffer bytes) {
        if (bytes == null || bytes.remaining() < 2) {
            return null;
        }
        ByteBuffer buffer = bytes.duplicate();
        try {
            buffer.getShort();
            int topics = buffer.getInt();
            Map<String, List<Integer>> assignment = new TreeMap<>();
            for (int t = 0; t < topics; t++) {
                byte[] name = new byte[buffer.getShort()];
                buffer.get(name);
                int count = buffer.getInt();
                List<Integer> partitions = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    partitions.add(buffer.getInt());
                }
                assignment.put(new String(name, StandardCharsets.UTF_8), partitions);
            }
            return assignment;
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            return null;
        }
    }
}
