package io.tributary.broker.group;

import static io.tributary.broker.group.GroupState.DEAD;
import static io.tributary.broker.group.GroupState.EMPTY;

import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offset retention: the offsets of an Empty group expire {@code offsets.retention.minutes} after the
 * later of their commit and the group becoming empty; an Empty group left without offsets is deleted.
 * Groups with members keep their offsets. Runs on the scheduler; locks one group at a time.
 */
final class OffsetExpiry {

    private static final Logger log = LoggerFactory.getLogger(OffsetExpiry.class);

    private final GroupCoordinatorConfig config;
    private final GroupRegistry registry;
    private final GroupStore store;
    private final Time time;

    OffsetExpiry(GroupCoordinatorConfig config, GroupRegistry registry, GroupStore store, Time time) {
        this.config = config;
        this.registry = registry;
        this.store = store;
        this.time = time;
    }

    /** One pass over every loaded group; returns how many offsets expired. */
    int expire() {
        int expiredCount = 0;
        for (ClassicGroup group : registry.loadedGroups()) {
            Outbox out = new Outbox();
            synchronized (group) {
                expiredCount += expire(group, out);
            }
            out.flush();
        }
        return expiredCount;
    }

    private int expire(ClassicGroup group, Outbox out) {
        if (!group.is(EMPTY) || group.pendingCount() > 0
                || (group.consumerGroup() != null && !group.consumerGroup().isEmpty())) {
            return 0;
        }
        long now = time.milliseconds();
        List<TopicPartition> expired = new ArrayList<>();
        for (Map.Entry<TopicPartition, CommittedOffset> entry : group.offsets().entrySet()) {
            long since = Math.max(entry.getValue().commitTimestampMs(), group.stateTimestampMs());
            if (now - since >= config.offsetsRetentionMs()) {
                expired.add(entry.getKey());
            }
        }
        boolean deleteGroup = expired.size() == group.offsets().size();
        if (expired.isEmpty() && !deleteGroup) {
            return 0;
        }
        CompletableFuture<Long> stored = store.delete(group, expired, deleteGroup);
        group.offsets().keySet().removeAll(expired);
        if (deleteGroup) {
            if (group.consumerGroup() != null) {
                store.appendRecords(group, ConsumerGroupRecords.groupTombstones(group.groupId()));
                group.consumerGroup(null);
            }
            group.transitionTo(DEAD, now);
            registry.remove(group);
        }
        log.info("Expired {} offsets of {}{}", expired.size(), group, deleteGroup ? " and removed the empty group" : "");
        out.afterUnlock(() -> stored.whenComplete((offset, failure) -> {
            if (failure != null) {
                log.warn("Failed to write tombstones for expired offsets of {}", group, failure);
            }
        }));
        return expired.size();
    }
}
