package io.tributary.broker.group;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A server-side partition assignor of the consumer protocol, chosen by name through the client's
 * {@code group.remote.assignor} among the broker's {@code group.consumer.assignors}. Implementations
 * are stateless and thread-safe.
 */
interface ServerAssignor {

    /** What the assignor knows of one member: the topics it subscribes to and what it has now. */
    record Subscriber(String memberId, Set<UUID> topics, ConsumerAssignment current) {
    }

    String name();

    /**
     * The target assignment: every partition of every subscribed topic to exactly one member that
     * subscribes to its topic. {@code partitionCounts} has each subscribed topic's partition count;
     * {@code subscribers} are in a stable order. Returns an entry for every member.
     */
    Map<String, ConsumerAssignment> assign(List<Subscriber> subscribers, Map<UUID, Integer> partitionCounts);
}
