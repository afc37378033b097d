package io.tributary.broker.group;

/**
 * Where a consumer-protocol member is in reconciling its assignment with its target, with Kafka's
 * byte values as stored in the ConsumerGroupCurrentMemberAssignment record.
 */
enum ConsumerMemberState {
    /** Owns its target assignment at the target epoch. */
    STABLE((byte) 0),
    /** Must revoke some partitions before it may move to the next epoch. */
    UNREVOKED_PARTITIONS((byte) 1),
    /** At the target epoch, but waits for partitions other members have not released yet. */
    UNRELEASED_PARTITIONS((byte) 2);

    private final byte value;

    ConsumerMemberState(byte value) {
        this.value = value;
    }

    byte value() {
        return value;
    }

    static ConsumerMemberState of(byte value) {
        for (ConsumerMemberState state : values()) {
            if (state.value == value) {
                return state;
            }
        }
        throw new IllegalStateException("unknown consumer member state " + value);
    }
}
