package io.tributary.broker.group;

import io.tributary.common.Time;
import io.tributary.protocol.Errors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which offsets partitions this broker coordinates, whether each is loaded, and the groups of each.
 * Thread-safe: the maps are concurrent; a partition's {@code loaded} flag is published after its
 * groups are in place. Groups themselves are guarded by their own monitors.
 */
final class GroupRegistry {

    /** One offsets partition this broker leads. */
    static final class OwnedPartition {
        final int partition;
        final Map<String, ClassicGroup> groups = new ConcurrentHashMap<>();
        volatile boolean loaded;

        OwnedPartition(int partition) {
            this.partition = partition;
        }
    }

    private final Map<Integer, OwnedPartition> owned = new ConcurrentHashMap<>();
    private final int partitions;
    private final Time time;

    GroupRegistry(int partitions, Time time) {
        this.partitions = partitions;
        this.time = time;
    }

    int partitionFor(String groupId) {
        return OffsetsTopic.partitionFor(groupId, partitions);
    }

    /** NONE if this broker serves the group now, else why not. */
    short coordinatorError(String groupId) {
        OwnedPartition partition = owned.get(partitionFor(groupId));
        if (partition == null) {
            return Errors.NOT_COORDINATOR.code();
        }
        return partition.loaded ? Errors.NONE.code() : Errors.COORDINATOR_LOAD_IN_PROGRESS.code();
    }

    /** The group, or null if absent or its partition is not loaded here. */
    ClassicGroup group(String groupId) {
        OwnedPartition partition = owned.get(partitionFor(groupId));
        return partition == null || !partition.loaded ? null : partition.groups.get(groupId);
    }

    /** The group, created Empty if absent; null if its partition is not loaded here. */
    ClassicGroup getOrCreate(String groupId) {
        OwnedPartition partition = owned.get(partitionFor(groupId));
        if (partition == null || !partition.loaded) {
            return null;
        }
        return partition.groups.computeIfAbsent(groupId,
                id -> new ClassicGroup(id, partition.partition, time.milliseconds()));
    }

    /** Forgets a group (already Dead) unless another object replaced it meanwhile. */
    void remove(ClassicGroup group) {
        OwnedPartition partition = owned.get(group.offsetsPartition());
        if (partition != null) {
            partition.groups.remove(group.groupId(), group);
        }
    }

    /** Takes ownership of a partition in the loading state; returns the previous one, if any, to drop. */
    OwnedPartition startLoading(OwnedPartition fresh) {
        return owned.put(fresh.partition, fresh);
    }

    OwnedPartition resign(int partition) {
        return owned.remove(partition);
    }

    boolean isCurrent(OwnedPartition partition) {
        return owned.get(partition.partition) == partition;
    }

    boolean isLoaded(int partition) {
        OwnedPartition owned = this.owned.get(partition);
        return owned != null && owned.loaded;
    }

    boolean anyLoading() {
        return owned.values().stream().anyMatch(p -> !p.loaded);
    }

    /** Groups of every loaded partition, at this moment. */
    List<ClassicGroup> loadedGroups() {
        List<ClassicGroup> groups = new ArrayList<>();
        for (OwnedPartition partition : owned.values()) {
            if (partition.loaded) {
                groups.addAll(partition.groups.values());
            }
        }
        return groups;
    }

    Collection<Integer> ownedPartitions() {
        return List.copyOf(owned.keySet());
    }
}
