package io.tributary.broker.group;

import io.tributary.common.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the committed offsets of deleted topics from every group loaded here, with tombstones in the
 * offsets log, as Kafka's coordinator does when partitions are deleted: a topic re-created under the same
 * name must not be resumed at its predecessor's offsets. Locks one group at a time; any thread.
 */
final class DeletedTopicOffsets {

    private static final Logger log = LoggerFactory.getLogger(DeletedTopicOffsets.class);

    private final GroupRegistry registry;
    private final GroupStore store;

    DeletedTopicOffsets(GroupRegistry registry, GroupStore store) {
        this.registry = registry;
        this.store = store;
    }

    /** Returns how many offsets were removed. */
    int remove(Set<String> deletedTopics) {
        int removed = 0;
        for (ClassicGroup group : registry.loadedGroups()) {
            Outbox out = new Outbox();
            synchronized (group) {
                List<TopicPartition> gone = new ArrayList<>();
                for (TopicPartition tp : group.offsets().keySet()) {
                    if (deletedTopics.contains(tp.topic())) {
                        gone.add(tp);
                    }
                }
                if (!gone.isEmpty()) {
                    CompletableFuture<Long> stored = store.delete(group, gone, false);
                    group.offsets().keySet().removeAll(gone);
                    removed += gone.size();
                    log.info("Removed {} offsets of deleted topics from {}", gone.size(), group);
                    out.afterUnlock(() -> stored.whenComplete((offset, failure) -> {
                        if (failure != null) {
                            log.warn("Failed to write tombstones for the offsets of deleted topics of {}", group, failure);
                        }
                    }));
                }
            }
            out.flush();
        }
        return removed;
    }
}
