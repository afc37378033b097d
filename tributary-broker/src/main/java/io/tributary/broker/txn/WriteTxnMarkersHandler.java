package io.tributary.broker.txn;

import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Serves WriteTxnMarkers from transaction coordinators on other brokers: each marker is written to each
 * named partition this broker leads, and the answer waits until every marker is replicated. Per-partition
 * errors: NOT_LEADER_OR_FOLLOWER / UNKNOWN_TOPIC_OR_PARTITION when not led here, INVALID_PRODUCER_EPOCH
 * or TRANSACTION_COORDINATOR_FENCED when the log refuses the marker (nothing is written then).
 * Thread-safe; never blocks.
 */
public final class WriteTxnMarkersHandler implements RequestHandler {

    private final TxnMarkerWriter writer;

    public WriteTxnMarkersHandler(TxnMarkerWriter writer) {
        this.writer = writer;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (Struct marker : request.getStructs("markers")) {
            long producerId = marker.getLong("producer_id");
            Struct markerResult = response.addChild("markers").set("producer_id", producerId);
            for (Struct topic : marker.getStructs("topics")) {
                String name = topic.getString("name");
                Struct topicResult = markerResult.addChild("topics").set("name", name);
                for (Object index : topic.getList("partition_indexes")) {
                    Struct partitionResult = topicResult.addChild("partitions").set("partition_index", index);
                    CompletableFuture<Errors> written = writer.write(new TopicPartition(name, (Integer) index),
                            producerId, marker.getShort("producer_epoch"), marker.getInt("coordinator_epoch"),
                            marker.getBoolean("transaction_result"));
                    writes.add(written.thenAccept(error -> {
                        synchronized (response) {
                            partitionResult.set("error_code", error.code());
                        }
                    }));
                }
            }
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenRun(() -> {
            synchronized (response) {
                responder.send(response);
            }
        });
    }
}
