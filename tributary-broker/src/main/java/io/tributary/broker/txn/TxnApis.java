package io.tributary.broker.txn;

import io.tributary.broker.admin.TopicNames;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Responder;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The client-facing transactional APIs over the {@link TransactionCoordinator}: InitProducerId with a
 * transactional id, AddPartitionsToTxn (the client form up to v3 and the brokers' batched, verifying form
 * from v4), AddOffsetsToTxn and EndTxn. Parses, validates topics against the cluster image, maps
 * version-dependent error codes (PRODUCER_FENCED exists only from InitProducerId v4, AddPartitionsToTxn /
 * AddOffsetsToTxn / EndTxn v2; older clients get INVALID_PRODUCER_EPOCH), answers when the coordinator's
 * future completes. Thread-safe; never blocks.
 */
public final class TxnApis {

    private final TransactionCoordinator coordinator;
    private final Supplier<ClusterImage> images;
    private final java.util.function.ToIntFunction<String> offsetsPartitionFor;

    /**
     * @param offsetsPartitionFor the {@code __consumer_offsets} partition of a group id
     */
    public TxnApis(TransactionCoordinator coordinator, Supplier<ClusterImage> images,
                   java.util.function.ToIntFunction<String> offsetsPartitionFor) {
        this.coordinator = coordinator;
        this.images = images;
        this.offsetsPartitionFor = offsetsPartitionFor;
    }

    private static Errors fenced(boolean producerFencedKnown) {
        return producerFencedKnown ? Errors.PRODUCER_FENCED : Errors.INVALID_PRODUCER_EPOCH;
    }

    /** InitProducerId with a transactional id (the handler serves the idempotent-only case itself). */
    public void initProducerId(RequestContext context, Struct request, Responder responder) {
        short version = context.version();
        long expectedId = version >= 3 ? request.getLong("producer_id") : -1;
        short expectedEpoch = version >= 3 ? request.getShort("producer_epoch") : -1;
        coordinator.initProducerId(request.getString("transactional_id"), request.getInt("transaction_timeout_ms"),
                expectedId, expectedEpoch, fenced(version >= 4)).thenAccept(result -> {
                    Struct response = new Struct(context.api().spec().response())
                            .set("error_code", result.error().code())
                            .set("producer_id", result.producerId())
                            .set("producer_epoch", result.producerEpoch());
                    responder.send(response);
                });
    }

    public void addPartitionsToTxn(RequestContext context, Struct request, Responder responder) {
        if (context.version() >= 4) {
            addPartitionsBatched(context, request, responder);
            return;
        }
        Map<TopicPartition, Errors> unknown = new LinkedHashMap<>();
        Set<TopicPartition> partitions = partitionsOf(request.getStructs("v3_and_below_topics"), unknown);
        Struct response = new Struct(context.api().spec().response());
        CompletableFuture<Errors> added = unknown.isEmpty()
                ? coordinator.addPartitions(request.getString("v3_and_below_transactional_id"),
                        request.getLong("v3_and_below_producer_id"), request.getShort("v3_and_below_producer_epoch"),
                        partitions, fenced(context.version() >= 2))
                : CompletableFuture.completedFuture(Errors.OPERATION_NOT_ATTEMPTED);
        added.thenAccept(error -> {
            fillTopicResults(response, "results_by_topic_v3_and_below", partitions, unknown, error);
            responder.send(response);
        });
    }

    /** v4+: several transactions at once, each either added or only verified (KIP-890 part 1). */
    private void addPartitionsBatched(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        List<CompletableFuture<Void>> all = new ArrayList<>();
        Errors notInTransaction = context.version() >= 5 ? Errors.TRANSACTION_ABORTABLE : Errors.INVALID_TXN_STATE;
        for (Struct txn : request.getStructs("transactions")) {
            String transactionalId = txn.getString("transactional_id");
            long producerId = txn.getLong("producer_id");
            short producerEpoch = txn.getShort("producer_epoch");
            Map<TopicPartition, Errors> unknown = new LinkedHashMap<>();
            Set<TopicPartition> partitions = partitionsOf(txn.getStructs("topics"), unknown);
            Struct result = response.addChild("results_by_transaction").set("transactional_id", transactionalId);
            result.set("topic_results", new ArrayList<>());
            if (txn.getBoolean("verify_only")) {
                Map<TopicPartition, Errors> verified = new LinkedHashMap<>(unknown);
                for (TopicPartition tp : partitions) {
                    verified.put(tp, coordinator.verifyPartition(transactionalId, producerId, producerEpoch, tp,
                            notInTransaction));
                }
                fillTopicResults(result, "topic_results", Set.of(), verified, Errors.NONE);
                continue;
            }
            CompletableFuture<Errors> added = unknown.isEmpty()
                    ? coordinator.addPartitions(transactionalId, producerId, producerEpoch, partitions, Errors.PRODUCER_FENCED)
                    : CompletableFuture.completedFuture(Errors.OPERATION_NOT_ATTEMPTED);
            all.add(added.thenAccept(error -> {
                synchronized (response) {
                    fillTopicResults(result, "topic_results", partitions, unknown, error);
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenRun(() -> {
            synchronized (response) {
                responder.send(response);
            }
        });
    }

    public void addOffsetsToTxn(RequestContext context, Struct request, Responder responder) {
        String groupId = request.getString("group_id");
        TopicPartition offsets = new TopicPartition(TopicNames.CONSUMER_OFFSETS, offsetsPartitionFor.applyAsInt(groupId));
        coordinator.addPartitions(request.getString("transactional_id"), request.getLong("producer_id"),
                request.getShort("producer_epoch"), Set.of(offsets), fenced(context.version() >= 2))
                .thenAccept(error -> responder.send(new Struct(context.api().spec().response())
                        .set("error_code", error.code())));
    }

    public void endTxn(RequestContext context, Struct request, Responder responder) {
        coordinator.endTransaction(request.getString("transactional_id"), request.getLong("producer_id"),
                request.getShort("producer_epoch"), request.getBoolean("committed"), fenced(context.version() >= 2))
                .thenAccept(error -> responder.send(new Struct(context.api().spec().response())
                        .set("error_code", error.code())));
    }

    /** The partitions named; those of unknown topics or beyond a topic's partitions go to {@code unknown}. */
    private Set<TopicPartition> partitionsOf(List<Struct> topics, Map<TopicPartition, Errors> unknown) {
        ClusterImage image = images.get();
        Set<TopicPartition> partitions = new LinkedHashSet<>();
        for (Struct topic : topics) {
            String name = topic.getString("name");
            for (Object index : topic.getList("partitions")) {
                TopicPartition tp = new TopicPartition(name, (Integer) index);
                if (image.partition(tp) == null) {
                    unknown.put(tp, Errors.UNKNOWN_TOPIC_OR_PARTITION);
                } else {
                    partitions.add(tp);
                }
            }
        }
        return partitions;
    }

    private static void fillTopicResults(Struct parent, String field, Set<TopicPartition> partitions,
                                         Map<TopicPartition, Errors> special, Errors error) {
        Map<String, Struct> byTopic = new LinkedHashMap<>();
        Map<TopicPartition, Errors> all = new LinkedHashMap<>();
        partitions.forEach(tp -> all.put(tp, error));
        all.putAll(special);
        all.forEach((tp, code) -> byTopic.computeIfAbsent(tp.topic(),
                        topic -> parent.addChild(field).set("name", topic))
                .addChild("results_by_partition")
                .set("partition_index", tp.partition())
                .set("partition_error_code", code.code()));
    }
}
