package io.tributary.broker.txn;

import io.tributary.broker.group.OffsetsTopic;
import io.tributary.protocol.Errors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which {@code __transaction_state} partitions this broker coordinates, with the coordinator epoch (the
 * partition's leader epoch when this broker became its leader), whether each is loaded, and the
 * transactional ids of each. Thread-safe: concurrent maps; a partition's {@code loaded} flag is published
 * after its ids are in place. Each {@link TxnMetadata} is guarded by its own monitor.
 */
final class TxnRegistry {

    /** One transaction state partition led here. */
    static final class OwnedPartition {
        final int partition;
        final int coordinatorEpoch;
        final Map<String, TxnMetadata> transactions = new ConcurrentHashMap<>();
        volatile boolean loaded;

        OwnedPartition(int partition, int coordinatorEpoch) {
            this.partition = partition;
            this.coordinatorEpoch = coordinatorEpoch;
        }
    }

    private final Map<Integer, OwnedPartition> owned = new ConcurrentHashMap<>();
    private final int partitions;

    TxnRegistry(int partitions) {
        this.partitions = partitions;
    }

    /** Kafka's placement: {@code abs(transactionalId.hashCode()) % partitions}. */
    int partitionFor(String transactionalId) {
        return OffsetsTopic.partitionFor(transactionalId, partitions);
    }

    /** The partition owning the id if loaded here; else null and {@code error[0]} says why. */
    OwnedPartition ownerOf(String transactionalId, Errors[] error) {
        OwnedPartition partition = owned.get(partitionFor(transactionalId));
        if (partition == null) {
            error[0] = Errors.NOT_COORDINATOR;
            return null;
        }
        if (!partition.loaded) {
            error[0] = Errors.COORDINATOR_LOAD_IN_PROGRESS;
            return null;
        }
        error[0] = Errors.NONE;
        return partition;
    }

    OwnedPartition startLoading(OwnedPartition fresh) {
        return owned.put(fresh.partition, fresh);
    }

    OwnedPartition resign(int partition) {
        return owned.remove(partition);
    }

    /** Whether {@code partition} is still the one led here (not resigned or replaced by a newer epoch). */
    boolean isCurrent(OwnedPartition partition) {
        return owned.get(partition.partition) == partition;
    }

    boolean isLoaded(int partition) {
        OwnedPartition current = owned.get(partition);
        return current != null && current.loaded;
    }

    List<OwnedPartition> loadedPartitions() {
        List<OwnedPartition> loaded = new ArrayList<>();
        for (OwnedPartition partition : owned.values()) {
            if (partition.loaded) {
                loaded.add(partition);
            }
        }
        return loaded;
    }

    Collection<Integer> ownedPartitions() {
        return List.copyOf(owned.keySet());
    }
}
