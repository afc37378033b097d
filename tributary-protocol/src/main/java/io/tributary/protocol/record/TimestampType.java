package io.tributary.protocol.record;

/** Whose clock a batch's timestamps come from: the producer's (CreateTime) or the broker's (LogAppendTime). */
public enum TimestampType {
    CREATE_TIME("CreateTime"),
    LOG_APPEND_TIME("LogAppendTime");

    public final String configName;

    TimestampType(String configName) {
        this.configName = configName;
    }

    /** The type named by the topic config {@code message.timestamp.type}. */
    public static TimestampType forConfigName(String name) {
        for (TimestampType type : values()) {
            if (type.configName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown timestamp type " + name);
    }
}
