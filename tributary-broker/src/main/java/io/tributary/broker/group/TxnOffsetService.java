package io.tributary.broker.group;

import static io.tributary.broker.group.GroupState.DEAD;

import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Responder;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.types.Struct;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * TxnOffsetCommit and the end of its transactions: offsets a transactional producer commits for a group
 * are written to {@code __consumer_offsets} in a transactional batch and kept pending in the group; the
 * COMMIT marker the transaction coordinator has written to that offsets partition makes them the group's
 * committed offsets, an ABORT drops them. Until then OffsetFetch does not show them. Thread-safe; each
 * call locks its group.
 */
final class TxnOffsetService {

    private final GroupCoordinatorConfig config;
    private final GroupRegistry registry;
    private final RebalanceDriver driver;
    private final GroupStore store;
    private final Time time;

    TxnOffsetService(GroupCoordinatorConfig config, GroupRegistry registry, RebalanceDriver driver, GroupStore store,
                     Time time) {
        this.config = config;
        this.registry = registry;
        this.driver = driver;
        this.store = store;
        this.time = time;
    }

    void txnOffsetCommit(RequestContext context, Struct request, Responder responder) {
        String groupId = request.getString("group_id");
        long producerId = request.getLong("producer_id");
        short producerEpoch = request.getShort("producer_epoch");
        int generation = request.getInt("generation_id");
        String memberId = request.getString("member_id");
        long now = time.milliseconds();
        Map<TopicPartition, CommittedOffset> offsets = new LinkedHashMap<>();
        boolean tooLarge = false;
        for (Struct topic : request.getStructs("topics")) {
            for (Struct partition : topic.getStructs("partitions")) {
                String metadata = partition.getString("committed_metadata");
                tooLarge |= metadata != null && metadata.length() > config.offsetMetadataMaxBytes();
                offsets.put(new TopicPartition(topic.getString("name"), partition.getInt("partition_index")),
                        new CommittedOffset(partition.getLong("committed_offset"),
                                partition.getInt("committed_leader_epoch"), metadata == null ? "" : metadata, now));
            }
        }
        short error = registry.coordinatorError(groupId);
        ClassicGroup group = error == Errors.NONE.code() ? registry.getOrCreate(groupId) : null;
        if (error == Errors.NONE.code() && group == null) {
            error = Errors.NOT_COORDINATOR.code();
        }
        if (error == Errors.NONE.code() && tooLarge) {
            error = Errors.OFFSET_METADATA_TOO_LARGE.code();
        }
        if (error != Errors.NONE.code()) {
            responder.send(response(request, error));
            return;
        }
        Outbox out = new Outbox();
        synchronized (group) {
            error = validate(group, generation, memberId == null ? "" : memberId);
            if (error != Errors.NONE.code()) {
                out.send(responder, response(request, error));
            } else {
                ClassicGroup committing = group;
                CompletableFuture<Long> stored = store.storeTxnOffsets(group, producerId, producerEpoch, offsets);
                out.afterUnlock(() -> stored.whenComplete((offset, failure) -> {
                    short result;
                    synchronized (committing) {
                        if (failure != null) {
                            result = isFenced(failure) ? Errors.INVALID_PRODUCER_EPOCH.code()
                                    : driver.storeError(committing);
                        } else if (committing.is(DEAD)) {
                            result = Errors.NOT_COORDINATOR.code();
                        } else {
                            committing.addPendingTxnOffsets(producerId, producerEpoch, offsets);
                            result = Errors.NONE.code();
                        }
                    }
                    responder.send(response(request, result));
                }));
            }
        }
        out.flush();
    }

    /**
     * KIP-447: a commit that names a member must come from a current member of the current generation; one
     * without (generation -1, no member id, as 2.4 clients send) is accepted like Kafka accepts it.
     */
    private static short validate(ClassicGroup group, int generation, String memberId) {
        if (group.is(DEAD)) {
            return Errors.COORDINATOR_NOT_AVAILABLE.code();
        }
        if (generation < 0 && memberId.isEmpty()) {
            return Errors.NONE.code();
        }
        if (!group.hasMember(memberId)) {
            return Errors.UNKNOWN_MEMBER_ID.code();
        }
        if (generation != group.generationId()) {
            return Errors.ILLEGAL_GENERATION.code();
        }
        return Errors.NONE.code();
    }

    /** The log refused the batch because a newer epoch of the producer exists: a zombie. */
    private static boolean isFenced(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof io.tributary.protocol.ApiException api && api.error() == Errors.INVALID_PRODUCER_EPOCH;
    }

    /** The transaction of {@code producerId} ended with a marker in offsets partition {@code partition}. */
    void completeTransaction(int partition, long producerId, boolean commit) {
        for (ClassicGroup group : registry.loadedGroups()) {
            if (group.offsetsPartition() != partition) {
                continue;
            }
            synchronized (group) {
                group.completeTxn(producerId, commit);
            }
        }
    }

    private static Struct response(Struct request, short error) {
        Struct response = MessageCodec.newResponse(ApiKey.TXN_OFFSET_COMMIT);
        for (Struct topic : request.getStructs("topics")) {
            Struct topicResponse = response.addChild("topics").set("name", topic.getString("name"));
            for (Struct partition : topic.getStructs("partitions")) {
                topicResponse.addChild("partitions").set("partition_index", partition.getInt("partition_index"))
                        .set("error_code", error);
            }
        }
        return response;
    }
}
