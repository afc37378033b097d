package io.tributary.broker.security.acl;

/** Kafka's ACL resource types, with their wire codes and the names Kafka 2.x uses in ZooKeeper paths. */
public enum ResourceType {
    UNKNOWN(0, "Unknown"), ANY(1, "Any"), TOPIC(2, "Topic"), GROUP(3, "Group"), CLUSTER(4, "Cluster"),
    TRANSACTIONAL_ID(5, "TransactionalId"), DELEGATION_TOKEN(6, "DelegationToken"), USER(7, "User");

    /** The one cluster resource's name. */
    public static final String CLUSTER_NAME = "kafka-cluster";

    private final byte code;
    private final String zkName;

    ResourceType(int code, String zkName) {
        this.code = (byte) code;
        this.zkName = zkName;
    }

    public byte code() {
        return code;
    }

    public String zkName() {
        return zkName;
    }

    public static ResourceType forCode(byte code) {
        for (ResourceType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return UNKNOWN;
    }

    /** By Kafka's name, case-insensitive ("topic", "TransactionalId"), or null. */
    public static ResourceType forName(String name) {
        for (ResourceType t : values()) {
            if (t.zkName.equalsIgnoreCase(name) || t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }
}
