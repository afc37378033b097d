package io.tributary.broker.security.acl;

import java.util.EnumSet;
import java.util.Set;

/** Kafka's ACL operations, with their wire codes, ZooKeeper names, and which operations each one implies. */
public enum AclOperation {
    UNKNOWN(0, "Unknown"), ANY(1, "Any"), ALL(2, "All"), READ(3, "Read"), WRITE(4, "Write"), CREATE(5, "Create"),
    DELETE(6, "Delete"), ALTER(7, "Alter"), DESCRIBE(8, "Describe"), CLUSTER_ACTION(9, "ClusterAction"),
    DESCRIBE_CONFIGS(10, "DescribeConfigs"), ALTER_CONFIGS(11, "AlterConfigs"), IDEMPOTENT_WRITE(12, "IdempotentWrite"),
    CREATE_TOKENS(13, "CreateTokens"), DESCRIBE_TOKENS(14, "DescribeTokens");

    private final byte code;
    private final String zkName;

    AclOperation(int code, String zkName) {
        this.code = (byte) code;
        this.zkName = zkName;
    }

    public byte code() {
        return code;
    }

    public String zkName() {
        return zkName;
    }

    /**
     * The operations whose ALLOW grants this one, as Kafka's AclAuthorizer decides: ALL grants everything,
     * READ, WRITE, DELETE and ALTER also grant DESCRIBE, and ALTER_CONFIGS also grants DESCRIBE_CONFIGS.
     */
    public Set<AclOperation> grantedBy() {
        Set<AclOperation> ops = EnumSet.of(this, ALL);
        if (this == DESCRIBE) {
            ops.addAll(EnumSet.of(READ, WRITE, DELETE, ALTER));
        } else if (this == DESCRIBE_CONFIGS) {
            ops.add(ALTER_CONFIGS);
        }
        return ops;
    }

    public static AclOperation forCode(byte code) {
        for (AclOperation op : values()) {
            if (op.code == code) {
                return op;
            }
        }
        return UNKNOWN;
    }

    public static AclOperation forName(String name) {
        for (AclOperation op : values()) {
            if (op.zkName.equalsIgnoreCase(name) || op.name().equalsIgnoreCase(name)) {
                return op;
            }
        }
        return null;
    }
}
