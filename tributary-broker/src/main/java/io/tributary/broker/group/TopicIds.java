package io.tributary.broker.group;

import java.util.UUID;

/**
 * Topic names for ids and back, for OffsetCommit v10 and OffsetFetch v10, which name topics by id.
 * Committed offsets are kept by name, as in the offsets log. Implementations must be thread-safe.
 */
public interface TopicIds {

    /** Knows no topic ids: v10 requests get UNKNOWN_TOPIC_ID. */
    TopicIds NONE = new TopicIds() {
        @Override
        public String name(UUID id) {
            return null;
        }

        @Override
        public UUID id(String name) {
            return new UUID(0, 0);
        }
    };

    /** The topic's name, or null if no topic has this id. */
    String name(UUID id);

    /** The topic's id, or the zero UUID if unknown. */
    UUID id(String name);
}
