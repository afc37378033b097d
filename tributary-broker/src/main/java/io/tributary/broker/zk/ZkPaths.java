package io.tributary.broker.zk;

import io.tributary.common.TopicPartition;
import java.util.List;

/** Kafka 2.x's znode layout (ZkData.scala), so existing tools and habits carry over. */
public final class ZkPaths {

    private ZkPaths() {
    }

    public static final String BROKER_IDS = "/brokers/ids";
    public static final String BROKER_TOPICS = "/brokers/topics";
    public static final String BROKER_SEQID = "/brokers/seqid";
    public static final String CONTROLLER = "/controller";
    public static final String CONTROLLER_EPOCH = "/controller_epoch";
    public static final String CONFIG_TOPICS = "/config/topics";
    public static final String CONFIG_BROKERS = "/config/brokers";
    public static final String CONFIG_CHANGES = "/config/changes";
    public static final String DELETE_TOPICS = "/admin/delete_topics";
    public static final String CLUSTER_ID = "/cluster/id";
    public static final String PRODUCER_ID_BLOCK = "/latest_producer_id_block";
    public static final String ISR_CHANGE_NOTIFICATION = "/isr_change_notification";
    /** Brokers report failed log directories here; the controller moves the affected replicas' leadership away. */
    public static final String LOG_DIR_EVENT_NOTIFICATION = "/log_dir_event_notification";
    /** Prefix of the sequential znodes under {@link #LOG_DIR_EVENT_NOTIFICATION}. */
    public static final String LOG_DIR_EVENT_PREFIX = LOG_DIR_EVENT_NOTIFICATION + "/log_dir_event_";

    /** Created at start-up by every broker, as Kafka does. */
    public static final List<String> PERSISTENT = List.of("/consumers", BROKER_IDS, BROKER_TOPICS, CONFIG_CHANGES,
            DELETE_TOPICS, BROKER_SEQID, ISR_CHANGE_NOTIFICATION, PRODUCER_ID_BLOCK, LOG_DIR_EVENT_NOTIFICATION,
            CONFIG_TOPICS, "/config/clients", "/config/users", CONFIG_BROKERS);

    public static String broker(int id) {
        return BROKER_IDS + "/" + id;
    }

    public static String topic(String topic) {
        return BROKER_TOPICS + "/" + topic;
    }

    public static String partitions(String topic) {
        return topic(topic) + "/partitions";
    }

    public static String partition(TopicPartition tp) {
        return partitions(tp.topic()) + "/" + tp.partition();
    }

    public static String partitionState(TopicPartition tp) {
        return partition(tp) + "/state";
    }

    public static String topicConfig(String topic) {
        return CONFIG_TOPICS + "/" + topic;
    }

    /** A broker's dynamic config overrides; entity is a broker id or {@code <default>} for the cluster-wide defaults. */
    public static String brokerConfig(String entity) {
        return CONFIG_BROKERS + "/" + entity;
    }

    public static final String CONFIG_USERS = "/config/users";

    /**
     * A user's config (SCRAM credentials, quotas): the user name sanitized as Kafka's Sanitizer does, URL-encoded
     * with '*' as %2A and space as %20, so any principal name is one znode.
     */
    public static String userConfig(String user) {
        return CONFIG_USERS + "/" + sanitize(user);
    }

    public static String sanitize(String name) {
        return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A");
    }

    public static String desanitize(String name) {
        return java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String deleteTopic(String topic) {
        return DELETE_TOPICS + "/" + topic;
    }
}
