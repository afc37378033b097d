package io.tributary.broker.api;

import io.tributary.common.TopicPartition;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;

/** The parts of a Fetch request the broker acts on, independent of version. Immutable. */
record FetchRequestView(int replicaId, int maxWaitMs, int minBytes, int maxBytes, boolean readCommitted,
                        List<PartitionFetch> partitions) {

    record PartitionFetch(TopicPartition topicPartition, long fetchOffset, int maxBytes, int currentLeaderEpoch,
                          int lastFetchedEpoch) {
    }

    /** This fetch without the given partitions. */
    FetchRequestView without(List<PartitionFetch> removed) {
        List<PartitionFetch> kept = new ArrayList<>(partitions);
        kept.removeAll(removed);
        return new FetchRequestView(replicaId, maxWaitMs, minBytes, maxBytes, readCommitted, kept);
    }

    static FetchRequestView of(short version, Struct request) {
        int replicaId = request.getInt("replica_id");
        if (version >= 15 && request.getStruct("replica_state") != null) {
            replicaId = request.getStruct("replica_state").getInt("replica_id");
        }
        List<PartitionFetch> partitions = new ArrayList<>();
        for (Struct topic : request.getStructs("topics")) {
            String name = topic.getString("topic");
            for (Struct partition : topic.getStructs("partitions")) {
                partitions.add(new PartitionFetch(new TopicPartition(name, partition.getInt("partition")),
                        partition.getLong("fetch_offset"), partition.getInt("partition_max_bytes"),
                        partition.getInt("current_leader_epoch"), partition.getInt("last_fetched_epoch")));
            }
        }
        return new FetchRequestView(replicaId, request.getInt("max_wait_ms"), request.getInt("min_bytes"),
                request.getInt("max_bytes"), request.getByte("isolation_level") == 1, partitions);
    }
}
