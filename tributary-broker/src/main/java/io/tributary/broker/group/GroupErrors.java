package io.tributary.broker.group;

/**
 * The Kafka error codes the group coordinator answers with. A stand-in for the protocol module's
 * {@code Errors} enum, which replaces it once available; the values are the wire codes.
 */
final class GroupErrors {

    private GroupErrors() {
    }

    static final short UNKNOWN_SERVER_ERROR = -1;
    static final short NONE = 0;
    static final short OFFSET_METADATA_TOO_LARGE = 12;
    static final short COORDINATOR_LOAD_IN_PROGRESS = 14;
    static final short COORDINATOR_NOT_AVAILABLE = 15;
    static final short NOT_COORDINATOR = 16;
    static final short ILLEGAL_GENERATION = 22;
    static final short INCONSISTENT_GROUP_PROTOCOL = 23;
    static final short INVALID_GROUP_ID = 24;
    static final short UNKNOWN_MEMBER_ID = 25;
    static final short INVALID_SESSION_TIMEOUT = 26;
    static final short REBALANCE_IN_PROGRESS = 27;
    static final short INVALID_REQUEST = 42;
    static final short NON_EMPTY_GROUP = 68;
    static final short GROUP_ID_NOT_FOUND = 69;
    static final short MEMBER_ID_REQUIRED = 79;
    static final short GROUP_MAX_SIZE_REACHED = 81;
    static final short FENCED_INSTANCE_ID = 82;
    static final short GROUP_SUBSCRIBED_TO_TOPIC = 86;
    static final short UNKNOWN_TOPIC_ID = 100;
}
