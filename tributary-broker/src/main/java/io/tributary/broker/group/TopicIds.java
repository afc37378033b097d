package io.tributary.broker.group;

import java.util.Map;
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

    /** The ids of the catalog's topics. */
    static TopicIds of(TopicCatalog catalog) {
        return new TopicIds() {
            @Override
            public String name(UUID id) {
                for (Map.Entry<String, TopicCatalog.Topic> topic : catalog.topics().entrySet()) {
                    if (topic.getValue().id().equals(id)) {
                        return topic.getKey();
                    }
                }
                return null;
            }

            @Override
            public UUID id(String name) {
                TopicCatalog.Topic topic = catalog.topics().get(name);
                return topic == null ? new UUID(0, 0) : topic.id();
            }
        };
    }

    /** The topic's name, or null if no topic has this id. */
    String name(UUID id);

    /** The topic's id, or the zero UUID if unknown. */
    UUID id(String name);
}
