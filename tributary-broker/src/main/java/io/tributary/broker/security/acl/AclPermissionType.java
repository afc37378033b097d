package io.tributary.broker.security.acl;

/** ALLOW or DENY (ANY only in filters), with wire codes and ZooKeeper names. */
public enum AclPermissionType {
    UNKNOWN(0, "Unknown"), ANY(1, "Any"), DENY(2, "Deny"), ALLOW(3, "Allow");

    private final byte code;
    private final String zkName;

    AclPermissionType(int code, String zkName) {
        this.code = (byte) code;
        this.zkName = zkName;
    }

    public byte code() {
        return code;
    }

    public String zkName() {
        return zkName;
    }

    public static AclPermissionType forCode(byte code) {
        for (AclPermissionType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return UNKNOWN;
    }

    public static AclPermissionType forName(String name) {
        for (AclPermissionType t : values()) {
            if (t.zkName.equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }
}
