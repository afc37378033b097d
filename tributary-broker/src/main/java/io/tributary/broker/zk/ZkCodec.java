package io.tributary.broker.zk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.broker.config.Listeners;
import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.config.SecurityProtocol;
import io.tributary.broker.metadata.BrokerInfo;
import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.metadata.TopicInfo;
import io.tributary.common.TopicPartition;
import java.nio.ByteBuffer;
import io.tributary.storage.checkpoint.PartitionMetadataFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The JSON documents of Kafka's znodes, written and read field for field as Kafka 2.8 does. */
public final class ZkCodec {

    private ZkCodec() {
    }

    public static byte[] brokerRegistration(int id, List<Endpoint> endpoints, String rack, long nowMs) {
        ObjectNode node = ZkJson.MAPPER.createObjectNode();
        // Kafka 2.x puts the PLAINTEXT endpoint (if any) in the legacy host and port fields, else null and -1.
        Endpoint plaintext = endpoints.stream()
                .filter(e -> e.securityProtocol() == SecurityProtocol.PLAINTEXT).findFirst().orElse(null);
        node.put("version", 5);
        node.put("host", plaintext == null ? null : plaintext.host());
        node.put("port", plaintext == null ? -1 : plaintext.port());
        node.put("jmx_port", -1);
        node.put("timestamp", String.valueOf(nowMs));
        ArrayNode list = node.putArray("endpoints");
        ObjectNode protocols = ZkJson.MAPPER.createObjectNode();
        for (Endpoint endpoint : endpoints) {
            list.add(endpoint.toString());
            protocols.put(endpoint.listenerName(), endpoint.securityProtocol().name());
        }
        node.set("listener_security_protocol_map", protocols);
        if (rack != null) {
            node.put("rack", rack);
        }
        node.putObject("features");
        return ZkJson.write(node);
    }

    public static BrokerInfo brokerInfo(int id, byte[] data, long czxid) {
        JsonNode node = ZkJson.read(data);
        List<String> endpoints = new ArrayList<>();
        node.path("endpoints").forEach(e -> endpoints.add(e.asText()));
        if (endpoints.isEmpty() && node.hasNonNull("host")) {
            // A registration older than listeners (version 1): one plaintext host and port.
            endpoints.add("PLAINTEXT://" + node.get("host").asText() + ":" + node.path("port").asInt());
        }
        String rack = node.hasNonNull("rack") ? node.get("rack").asText() : null;
        Map<String, SecurityProtocol> protocols = new LinkedHashMap<>();
        node.path("listener_security_protocol_map").fields().forEachRemaining(entry -> {
            SecurityProtocol protocol = SecurityProtocol.forName(entry.getValue().asText());
            if (protocol != null) {
                protocols.put(entry.getKey().toUpperCase(), protocol);
            }
        });
        if (protocols.isEmpty()) { // a registration older than Kafka 0.10.1: every listener name is its protocol
            protocols.putAll(Listeners.parseProtocolMap(List.of(Listeners.DEFAULT_PROTOCOL_MAP.split(","))));
        }
        return new BrokerInfo(id, Listeners.parse("endpoints", endpoints, protocols, "listener_security_protocol_map"),
                rack, czxid);
    }

    public static byte[] topicAssignment(UUID topicId, Map<Integer, List<Integer>> assignment) {
        ObjectNode node = ZkJson.MAPPER.createObjectNode();
        node.put("version", 3);
        node.put("topic_id", encodeTopicId(topicId));
        ObjectNode partitions = node.putObject("partitions");
        new TreeMap<>(assignment).forEach((p, replicas) -> {
            ArrayNode list = partitions.putArray(String.valueOf(p));
            replicas.forEach(list::add);
        });
        node.putObject("adding_replicas");
        node.putObject("removing_replicas");
        return ZkJson.write(node);
    }

    /** The topic znode with {@code topic_id} added (version raised to 3), or null if it already has one. */
    public static byte[] withTopicId(byte[] data, UUID topicId) {
        JsonNode node = ZkJson.read(data);
        if (node.hasNonNull("topic_id") || !(node instanceof ObjectNode object)) {
            return null;
        }
        object.put("topic_id", encodeTopicId(topicId));
        if (object.path("version").asInt(1) < 3) {
            object.put("version", 3);
        }
        return ZkJson.write(object);
    }

    public static TopicInfo topicInfo(String topic, byte[] data) {
        JsonNode node = ZkJson.read(data);
        Map<Integer, List<Integer>> assignment = new TreeMap<>();
        node.path("partitions").fields().forEachRemaining(e -> {
            List<Integer> replicas = new ArrayList<>();
            e.getValue().forEach(r -> replicas.add(r.asInt()));
            assignment.put(Integer.parseInt(e.getKey()), List.copyOf(replicas));
        });
        UUID id = node.hasNonNull("topic_id") ? decodeTopicId(node.get("topic_id").asText()) : new UUID(0, 0);
        return new TopicInfo(topic, id, assignment);
    }

    public static byte[] partitionState(PartitionState state) {
        ObjectNode node = ZkJson.MAPPER.createObjectNode();
        node.put("version", 1);
        node.put("leader", state.leader());
        node.put("leader_epoch", state.leaderEpoch());
        ArrayNode isr = node.putArray("isr");
        state.isr().forEach(isr::add);
        node.put("controller_epoch", state.controllerEpoch());
        return ZkJson.write(node);
    }

    public static PartitionState partitionState(byte[] data, int zkVersion) {
        JsonNode node = ZkJson.read(data);
        List<Integer> isr = new ArrayList<>();
        node.path("isr").forEach(r -> isr.add(r.asInt()));
        return new PartitionState(node.path("leader").asInt(-1), node.path("leader_epoch").asInt(0), isr,
                node.path("controller_epoch").asInt(0), zkVersion);
    }

    public static byte[] controller(int brokerId, long nowMs) {
        ObjectNode node = ZkJson.MAPPER.createObjectNode();
        node.put("version", 1);
        node.put("brokerid", brokerId);
        node.put("timestamp", String.valueOf(nowMs));
        return ZkJson.write(node);
    }

    public static int controllerId(byte[] data) {
        return ZkJson.read(data).path("brokerid").asInt(-1);
    }

    public static byte[] entityConfig(Map<String, String> config) {
        ObjectNode node = ZkJson.MAPPER.createObjectNode();
        node.put("version", 1);
        ObjectNode values = node.putObject("config");
        new TreeMap<>(config).forEach(values::put);
        return ZkJson.write(node);
    }

    public static Map<String, String> entityConfig(byte[] data) {
        Map<String, String> config = new LinkedHashMap<>();
        ZkJson.read(data).path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        return config;
    }

    /** A /config/changes notification, version 2: which entity's config changed, e.g. {@code brokers/<default>}. */
    public static byte[] configChange(String entityPath) {
        ObjectNode node = ZkJson.MAPPER.createObjectNode();
        node.put("version", 2);
        node.put("entity_path", entityPath);
        return ZkJson.write(node);
    }

    /** A failed log directory of one broker, and the partitions whose replicas it held. */
    public record LogDirEvent(int brokerId, java.util.Set<TopicPartition> offlinePartitions) {
        public LogDirEvent {
            offlinePartitions = java.util.Set.copyOf(offlinePartitions);
        }
    }

    /** Kafka's log dir failure event ({@code event} 1) and the partitions it took offline, topic → partition ids. */
    public static byte[] logDirEvent(LogDirEvent event) {
        ObjectNode node = ZkJson.MAPPER.createObjectNode();
        node.put("version", 1);
        node.put("broker", event.brokerId());
        node.put("event", 1);
        ObjectNode partitions = node.putObject("offline_partitions");
        Map<String, List<Integer>> byTopic = new TreeMap<>();
        event.offlinePartitions().forEach(tp -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition()));
        byTopic.forEach((topic, ids) -> {
            ArrayNode list = partitions.putArray(topic);
            ids.stream().sorted().forEach(list::add);
        });
        return ZkJson.write(node);
    }

    /** Reads {@link #logDirEvent}; one written by Kafka itself (no partitions) names the broker only. */
    public static LogDirEvent logDirEvent(byte[] data) {
        JsonNode node = ZkJson.read(data);
        java.util.Set<TopicPartition> partitions = new java.util.HashSet<>();
        node.path("offline_partitions").fields().forEachRemaining(e ->
                e.getValue().forEach(p -> partitions.add(new TopicPartition(e.getKey(), p.asInt()))));
        return new LogDirEvent(node.path("broker").asInt(-1), partitions);
    }

    public static String clusterIdOf(byte[] data) {
        return ZkJson.read(data).path("id").asText(null);
    }

    /** Kafka writes topic ids as 22-character URL-safe base64 without padding, in znodes as on disk. */
    public static String encodeTopicId(UUID id) {
        return PartitionMetadataFile.encode(id);
    }

    public static UUID decodeTopicId(String text) {
        return PartitionMetadataFile.decode(text);
    }
}
