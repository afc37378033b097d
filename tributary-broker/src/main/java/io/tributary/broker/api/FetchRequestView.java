package io.tributary.broker.api;

import io.tributary.broker.group.TopicIds;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The parts of a Fetch request the broker acts on, independent of version. From v13 topics are named by
 * id: each id is resolved to a name once, when the request arrives, against the cluster image of that
 * moment. Immutable.
 */
record FetchRequestView(int replicaId, int maxWaitMs, int minBytes, int maxBytes, boolean readCommitted,
                        boolean byTopicId, List<PartitionFetch> partitions) {

    private static final UUID NO_ID = new UUID(0, 0);

    /**
     * One partition asked for. {@code topicPartition} is null when the request named a topic id that no
     * topic has (answered UNKNOWN_TOPIC_ID); {@code topicId} is the id asked for (zero before v13).
     */
    record PartitionFetch(TopicPartition topicPartition, UUID topicId, int partition, long fetchOffset, int maxBytes,
                          int currentLeaderEpoch, int lastFetchedEpoch) {

        boolean isUnknownTopicId() {
            return topicPartition == null;
        }
    }

    /** This fetch without the given partitions. */
    FetchRequestView without(List<PartitionFetch> removed) {
        List<PartitionFetch> kept = new ArrayList<>(partitions);
        kept.removeAll(removed);
        return new FetchRequestView(replicaId, maxWaitMs, minBytes, maxBytes, readCommitted, byTopicId, kept);
    }

    static FetchRequestView of(short version, Struct request, TopicIds topicIds) {
        int replicaId = request.getInt("replica_id");
        if (version >= 15 && request.getStruct("replica_state") != null) {
            replicaId = request.getStruct("replica_state").getInt("replica_id");
        }
        boolean byTopicId = version >= 13;
        List<PartitionFetch> partitions = new ArrayList<>();
        for (Struct topic : request.getStructs("topics")) {
            UUID id = byTopicId ? topic.getUuid("topic_id") : NO_ID;
            String name = byTopicId ? topicIds.name(id) : topic.getString("topic");
            for (Struct partition : topic.getStructs("partitions")) {
                int index = partition.getInt("partition");
                partitions.add(new PartitionFetch(name == null ? null : new TopicPartition(name, index), id, index,
                        partition.getLong("fetch_offset"), partition.getInt("partition_max_bytes"),
                        partition.getInt("current_leader_epoch"), partition.getInt("last_fetched_epoch")));
            }
        }
        return new FetchRequestView(replicaId, request.getInt("max_wait_ms"), request.getInt("min_bytes"),
                request.getInt("max_bytes"), request.getByte("isolation_level") == 1, byTopicId, partitions);
    }
}
