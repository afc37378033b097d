package io.tributary.broker.group;

import java.util.Map;
import java.util.UUID;

/**
 * The cluster's topics as the consumer protocol needs them: ids and partition counts by name, to
 * resolve subscriptions (names and regular expressions) and to notice added partitions.
 * Implementations must be thread-safe and cheap enough to ask on every heartbeat.
 */
@FunctionalInterface
public interface TopicCatalog {

    /** Knows no topics. */
    TopicCatalog EMPTY = Map::of;

    /** A topic's id and partition count. */
    record Topic(UUID id, int partitions) {
    }

    /** Every topic now, by name. */
    Map<String, Topic> topics();
}
