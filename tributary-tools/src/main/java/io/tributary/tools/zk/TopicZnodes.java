package io.tributary.tools.zk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Kafka 2.x's znode paths and JSON shapes for topics, brokers and configs: the contract shared with every broker
 * that keeps its metadata in ZooKeeper. Pure functions; no ZooKeeper access.
 */
public final class TopicZnodes {

    public static final String BROKER_IDS = "/brokers/ids";
    public static final String TOPICS = "/brokers/topics";
    public static final String DELETE_TOPICS = "/admin/delete_topics";
    public static final String TOPIC_CONFIGS = "/config/topics";

    private TopicZnodes() {
    }

    public static String topic(String topic) {
        return TOPICS + "/" + topic;
    }

    public static String partitionState(String topic, int partition) {
        return topic(topic) + "/partitions/" + partition + "/state";
    }

    public static String topicConfig(String topic) {
        return TOPIC_CONFIGS + "/" + topic;
    }

    public static String deleteMarker(String topic) {
        return DELETE_TOPICS + "/" + topic;
    }

    /** {@code {"version":2,"partitions":{"0":[1,2]},"adding_replicas":{},"removing_replicas":{}}} */
    public static String assignmentJson(Map<Integer, List<Integer>> assignment) {
        Map<String, Object> partitions = new LinkedHashMap<>();
        new TreeMap<>(assignment).forEach((p, replicas) -> partitions.put(String.valueOf(p), replicas));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 2);
        root.put("partitions", partitions);
        root.put("adding_replicas", Map.of());
        root.put("removing_replicas", Map.of());
        return Json.write(root);
    }

    /** Partition id → replicas from a {@code /brokers/topics/<t>} node of any version, in partition order. */
    public static Map<Integer, List<Integer>> parseAssignment(String json) {
        Object partitions = Json.parseObject(json).get("partitions");
        Map<Integer, List<Integer>> result = new TreeMap<>();
        if (partitions instanceof Map<?, ?> map) {
            map.forEach((p, replicas) -> result.put(Integer.parseInt((String) p), intList(replicas)));
        }
        return result;
    }

    /**
     * The same node with its partition map replaced and every other field (topic_id, version...) kept, as Kafka
     * does when partitions are added.
     */
    public static String withAssignment(String existingJson, Map<Integer, List<Integer>> assignment) {
        Map<String, Object> root = Json.parseObject(existingJson);
        Map<String, Object> partitions = new LinkedHashMap<>();
        new TreeMap<>(assignment).forEach((p, replicas) -> partitions.put(String.valueOf(p), replicas));
        root.put("partitions", partitions);
        return Json.write(root);
    }

    /** {@code {"version":1,"config":{...}}} holding only the topic's overrides. */
    public static String configJson(Map<String, String> overrides) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 1);
        root.put("config", new TreeMap<>(overrides));
        return Json.write(root);
    }

    public static Map<String, String> parseConfig(String json) {
        Object config = Json.parseObject(json).get("config");
        Map<String, String> result = new TreeMap<>();
        if (config instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put((String) k, String.valueOf(v)));
        }
        return result;
    }

    /**
     * The host:port addresses of a {@code /brokers/ids/<id>} registration: every {@code endpoints} entry
     * ({@code PLAINTEXT://host:port}), or the old {@code host} and {@code port} fields when there are none.
     */
    public static List<String> parseBrokerAddresses(String json) {
        Map<String, Object> root = Json.parseObject(json);
        List<String> result = new ArrayList<>();
        if (root.get("endpoints") instanceof List<?> endpoints) {
            for (Object endpoint : endpoints) {
                String text = String.valueOf(endpoint);
                int scheme = text.indexOf("://");
                result.add(scheme < 0 ? text : text.substring(scheme + 3));
            }
        }
        if (result.isEmpty() && root.get("host") instanceof String host && root.get("port") instanceof Number port) {
            result.add(host + ":" + port.intValue());
        }
        return result;
    }

    /** Leader and ISR of a partition state node: {@code {"leader":1,"isr":[1,2],...}}. */
    public record LeaderAndIsr(int leader, List<Integer> isr) {
        public static final LeaderAndIsr NONE = new LeaderAndIsr(-1, List.of());
    }

    public static LeaderAndIsr parseState(Optional<String> json) {
        if (json.isEmpty() || json.get().isBlank()) {
            return LeaderAndIsr.NONE;
        }
        Map<String, Object> root = Json.parseObject(json.get());
        Object leader = root.get("leader");
        return new LeaderAndIsr(leader instanceof Number n ? n.intValue() : -1, intList(root.get("isr")));
    }

    private static List<Integer> intList(Object value) {
        List<Integer> result = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                result.add(((Number) o).intValue());
            }
        }
        return result;
    }
}
