package io.tributary.broker.api;

import io.tributary.broker.network.FileSlice;
import io.tributary.broker.replica.Partition;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Schema;
import io.tributary.protocol.types.Struct;
import io.tributary.storage.LogException;
import io.tributary.storage.LogSlice;
import io.tributary.storage.StorageError;
import io.tributary.storage.segment.AbortedTxn;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads what a Fetch asks for, partition by partition in request order, within the request's and
 * each partition's byte limits. The first batch found is returned whole even if larger than the
 * limits, so a consumer can always make progress. read_uncommitted consumers read below the high
 * watermark, read_committed ones below the last stable offset and are told the aborted transactions
 * in that range, followers read up to the log end. A parked fetch calls it again; each read remembers, per
 * partition, what it found, so that the read that is finally answered can be counted in the topic metrics.
 * Not thread-safe: callers serialize one request's reads and keep each read and its answer together
 * (the handler runs on one thread; a delayed fetch holds its lock across both).
 */
final class FetchReader {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final java.util.UUID NO_ID = new java.util.UUID(0, 0);

    private final ReplicaManager replicas;
    private final FetchRequestView view;
    /** Per partition of the request, in order, from the last read: its partition (null if none) and bytes. */
    private final Partition[] lastPartitions;
    private final long[] lastBytes;
    private final boolean[] lastFailed;

    FetchReader(ReplicaManager replicas, FetchRequestView view) {
        this.replicas = replicas;
        this.view = view;
        int n = view.partitions().size();
        this.lastPartitions = new Partition[n];
        this.lastBytes = new long[n];
        this.lastFailed = new boolean[n];
    }

    /** Marks each partition's topic metrics with what the last read found: call once, for the read answered. */
    void recordAnswered() {
        boolean follower = view.replicaId() >= 0;
        for (int i = 0; i < lastPartitions.length; i++) {
            if (lastPartitions[i] != null) {
                lastPartitions[i].metrics().recordFetch(lastBytes[i], follower, lastFailed[i]);
            }
        }
    }

    FetchRequestView view() {
        return view;
    }

    /** The local replica, or null (also for a topic id that named no topic). */
    Partition partition(io.tributary.common.TopicPartition tp) {
        return tp == null ? null : replicas.partition(tp);
    }

    /** The response built, how many record bytes it carries and whether any partition failed. */
    record Result(Struct response, long bytes, boolean anyError) {
        boolean isSatisfying(int minBytes) {
            return anyError || bytes >= minBytes;
        }
    }

    Result read(Schema responseSchema) {
        Struct response = new Struct(responseSchema);
        Map<Object, Struct> topics = new LinkedHashMap<>();
        long bytes = 0;
        boolean anyError = false;
        int remaining = view.maxBytes();
        int i = -1;
        for (FetchRequestView.PartitionFetch fetch : view.partitions()) {
            i++;
            lastBytes[i] = 0;
            lastFailed[i] = false;
            Struct topic = topics.computeIfAbsent(view.byTopicId() ? fetch.topicId() : fetch.topicPartition().topic(),
                    key -> response.addChild("responses").set("topic_id", fetch.topicId())
                            .set("topic", fetch.isUnknownTopicId() ? "" : fetch.topicPartition().topic()));
            Struct result = topic.addChild("partitions").set("partition_index", fetch.partition())
                    .set("records", EMPTY);
            Partition partition = fetch.isUnknownTopicId() ? null : replicas.partition(fetch.topicPartition());
            lastPartitions[i] = partition;
            Errors error = topicIdError(fetch, partition);
            if (error == Errors.NONE) {
                error = LeaderChecks.check(partition, fetch.currentLeaderEpoch());
            }
            if (error != Errors.NONE) {
                result.set("error_code", error.code()).set("high_watermark", -1L);
                anyError = true;
                lastFailed[i] = true;
                continue;
            }
            long highWatermark = partition.highWatermark();
            long lastStableOffset = partition.log().lastStableOffset();
            result.set("high_watermark", highWatermark)
                    .set("last_stable_offset", lastStableOffset)
                    .set("log_start_offset", partition.logStartOffset());
            boolean readCommitted = view.replicaId() < 0 && view.readCommitted();
            long limit = view.replicaId() >= 0 ? partition.logEndOffset()
                    : readCommitted ? lastStableOffset : highWatermark;
            try {
                int maxBytes = Math.max(0, Math.min(fetch.maxBytes(), remaining));
                LogSlice slice = partition.log().read(fetch.fetchOffset(), maxBytes, limit, bytes == 0);
                if (!slice.isEmpty()) {
                    result.set("records", new FileSlice(slice.channel(), slice.position(), slice.size()));
                    bytes += slice.size();
                    remaining -= slice.size();
                    lastBytes[i] = slice.size();
                }
                if (readCommitted) {
                    result.set("aborted_transactions", new java.util.ArrayList<>());
                    for (AbortedTxn txn : partition.log().abortedTransactions(fetch.fetchOffset(), limit)) {
                        result.addChild("aborted_transactions").set("producer_id", txn.producerId())
                                .set("first_offset", txn.firstOffset());
                    }
                }
            } catch (LogException e) {
                Errors code = e.error() == StorageError.OFFSET_OUT_OF_RANGE ? Errors.OFFSET_OUT_OF_RANGE
                        : Errors.forCode(e.error().kafkaCode);
                result.set("error_code", code.code());
                anyError = true;
                lastFailed[i] = true;
            }
        }
        return new Result(response, bytes, anyError);
    }

    /**
     * By id (v13+): an id no topic has is UNKNOWN_TOPIC_ID; a replica here that belongs to another id than
     * the one asked for (a re-created topic's replica, or the predecessor's not yet removed) is
     * INCONSISTENT_TOPIC_ID, so a client never reads one topic's records as the other's.
     */
    private Errors topicIdError(FetchRequestView.PartitionFetch fetch, Partition partition) {
        if (!view.byTopicId()) {
            return Errors.NONE;
        }
        if (fetch.isUnknownTopicId()) {
            return Errors.UNKNOWN_TOPIC_ID;
        }
        if (partition != null && !partition.topicId().equals(NO_ID) && !partition.topicId().equals(fetch.topicId())) {
            return Errors.INCONSISTENT_TOPIC_ID;
        }
        return Errors.NONE;
    }
}
