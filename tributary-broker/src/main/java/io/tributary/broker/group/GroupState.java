package io.tributary.broker.group;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a classic group, named as Kafka's tools print them, with the states each may be
 * entered from.
 */
enum GroupState {
    /** No members; may still hold committed offsets. */
    EMPTY("Empty"),
    /** Waiting for every member to (re)join. */
    PREPARING_REBALANCE("PreparingRebalance"),
    /** Joined; waiting for the leader's assignment. */
    COMPLETING_REBALANCE("CompletingRebalance"),
    /** Every member has its assignment; heartbeats keep it so. */
    STABLE("Stable"),
    /** Deleted, expired or unloaded; the object is about to be dropped. */
    DEAD("Dead");

    static {
        EMPTY.previous = EnumSet.of(PREPARING_REBALANCE);
        PREPARING_REBALANCE.previous = EnumSet.of(EMPTY, STABLE, COMPLETING_REBALANCE);
        COMPLETING_REBALANCE.previous = EnumSet.of(PREPARING_REBALANCE);
        STABLE.previous = EnumSet.of(COMPLETING_REBALANCE);
        DEAD.previous = EnumSet.allOf(GroupState.class);
    }

    private final String displayName;
    private Set<GroupState> previous;

    GroupState(String displayName) {
        this.displayName = displayName;
    }

    String displayName() {
        return displayName;
    }

    boolean canFollow(GroupState state) {
        return previous.contains(state);
    }

    /** The state with this display name, ignoring case, or null. */
    static GroupState forName(String name) {
        for (GroupState state : values()) {
            if (state.displayName.equalsIgnoreCase(name)) {
                return state;
            }
        }
        return null;
    }
}
