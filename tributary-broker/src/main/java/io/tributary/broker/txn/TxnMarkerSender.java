package io.tributary.broker.txn;

import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.group.Scheduler;
import io.tributary.broker.metadata.BrokerInfo;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.replica.BlockingChannel;
import io.tributary.broker.replica.InterBrokerSecurity;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.types.Struct;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a decided transaction's markers to the leaders of all its partitions: locally through the
 * {@link TxnMarkerWriter}, to other brokers with WriteTxnMarkers. A partition whose leader is unknown,
 * moved, or failed is retried after a back-off, for as long as this broker still coordinates the
 * transaction; a partition of a deleted topic is done. The future completes when every partition has its
 * marker replicated.
 *
 * <p>Threading: remote calls run on one dedicated thread that owns the inter-broker channels; local
 * writes and retries run on the caller's or the scheduler's thread. Each delivery guards its own state.
 */
final class TxnMarkerSender implements MarkerDelivery {

    private static final Logger log = LoggerFactory.getLogger(TxnMarkerSender.class);
    private static final long RETRY_BACKOFF_MS = 100;
    private static final int SOCKET_TIMEOUT_MS = 30_000;

    private final Supplier<ClusterImage> images;
    private final int localBrokerId;
    private final String listenerName;
    private final InterBrokerSecurity security;
    private final TxnMarkerWriter local;
    private final Scheduler scheduler;
    private final ExecutorService network;
    private final Map<Integer, BlockingChannel> channels = new HashMap<>();

    TxnMarkerSender(Supplier<ClusterImage> images, int localBrokerId, String listenerName, InterBrokerSecurity security,
                    TxnMarkerWriter local, Scheduler scheduler) {
        this.images = images;
        this.localBrokerId = localBrokerId;
        this.listenerName = listenerName;
        this.security = security;
        this.local = local;
        this.scheduler = scheduler;
        this.network = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "txn-marker-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public CompletableFuture<Void> send(Marker marker, Set<TopicPartition> partitions, BooleanSupplier stillCoordinator) {
        Delivery delivery = new Delivery(marker, partitions, stillCoordinator);
        delivery.attempt();
        return delivery.done;
    }

    /** One transaction's markers still to write. */
    private final class Delivery {
        final MarkerDelivery.Marker marker;
        final Set<TopicPartition> remaining;
        final BooleanSupplier stillCoordinator;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        int inFlight;

        Delivery(MarkerDelivery.Marker marker, Set<TopicPartition> partitions, BooleanSupplier stillCoordinator) {
            this.marker = marker;
            this.remaining = new LinkedHashSet<>(partitions);
            this.stillCoordinator = stillCoordinator;
        }

        void attempt() {
            if (!stillCoordinator.getAsBoolean()) {
                done.completeExceptionally(new IllegalStateException("No longer the coordinator"));
                return;
            }
            ClusterImage image = images.get();
            Map<Integer, List<TopicPartition>> byLeader = new HashMap<>();
            boolean waiting;
            boolean finished;
            synchronized (this) {
                for (TopicPartition tp : List.copyOf(remaining)) {
                    if (image.topic(tp.topic()) == null) {
                        remaining.remove(tp); // topic deleted: nothing left to mark
                        continue;
                    }
                    PartitionState state = image.partition(tp);
                    if (state != null && state.leader() >= 0 && image.brokers().containsKey(state.leader())) {
                        byLeader.computeIfAbsent(state.leader(), id -> new ArrayList<>()).add(tp);
                    }
                }
                inFlight = byLeader.size();
                waiting = byLeader.isEmpty();
                finished = remaining.isEmpty();
            }
            if (finished) {
                done.complete(null); // outside the monitor: completion runs the coordinator's next step
                return;
            }
            if (waiting) {
                retryLater();
                return;
            }
            byLeader.forEach((leader, tps) -> {
                if (leader == localBrokerId) {
                    writeLocally(tps);
                } else {
                    BrokerInfo broker = image.brokers().get(leader);
                    network.execute(() -> writeRemotely(broker, tps));
                }
            });
        }

        private void writeLocally(List<TopicPartition> tps) {
            List<CompletableFuture<Errors>> results = new ArrayList<>();
            for (TopicPartition tp : tps) {
                results.add(local.write(tp, marker.producerId(), marker.producerEpoch(), marker.coordinatorEpoch(),
                        marker.commit()));
            }
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
                Map<TopicPartition, Errors> outcome = new HashMap<>();
                for (int i = 0; i < tps.size(); i++) {
                    outcome.put(tps.get(i), results.get(i).getNow(Errors.UNKNOWN_SERVER_ERROR));
                }
                onResults(outcome);
            });
        }

        private void writeRemotely(BrokerInfo broker, List<TopicPartition> tps) {
            Map<TopicPartition, Errors> outcome = new HashMap<>();
            try {
                Struct response = channel(broker).call(ApiKey.WRITE_TXN_MARKERS, (short) 1, request(tps));
                for (Struct result : response.getStructs("markers")) {
                    for (Struct topic : result.getStructs("topics")) {
                        for (Struct partition : topic.getStructs("partitions")) {
                            outcome.put(new TopicPartition(topic.getString("name"), partition.getInt("partition_index")),
                                    Errors.forCode(partition.getShort("error_code")));
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                closeChannel(broker.id());
                log.debug("WriteTxnMarkers to broker {} failed: {}", broker.id(), e.toString());
            }
            onResults(outcome);
        }

        private Struct request(List<TopicPartition> tps) {
            Struct request = MessageCodec.newRequest(ApiKey.WRITE_TXN_MARKERS);
            Struct entry = request.addChild("markers")
                    .set("producer_id", marker.producerId())
                    .set("producer_epoch", marker.producerEpoch())
                    .set("transaction_result", marker.commit())
                    .set("coordinator_epoch", marker.coordinatorEpoch());
            Map<String, List<Integer>> byTopic = new HashMap<>();
            for (TopicPartition tp : tps) {
                byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
            }
            byTopic.forEach((topic, partitions) -> entry.addChild("topics").set("name", topic)
                    .set("partition_indexes", partitions));
            return request;
        }

        /** Marks what succeeded; when every leader of this round answered, finishes or retries the rest. */
        private void onResults(Map<TopicPartition, Errors> outcome) {
            boolean roundOver;
            boolean finished;
            synchronized (this) {
                outcome.forEach((tp, error) -> {
                    if (error == Errors.NONE) {
                        remaining.remove(tp);
                    } else if (error == Errors.INVALID_PRODUCER_EPOCH || error == Errors.TRANSACTION_COORDINATOR_FENCED) {
                        // a newer epoch already ended this producer's transaction there: Kafka drops it too
                        log.warn("Marker for producer {} on {} refused with {}; not retried", marker.producerId(), tp,
                                error);
                        remaining.remove(tp);
                    }
                });
                roundOver = --inFlight == 0;
                finished = roundOver && remaining.isEmpty();
            }
            if (finished) {
                done.complete(null);
            } else if (roundOver) {
                retryLater();
            }
        }

        private void retryLater() {
            scheduler.schedule(RETRY_BACKOFF_MS, this::attempt);
        }
    }

    private BlockingChannel channel(BrokerInfo broker) {
        return channels.computeIfAbsent(broker.id(), id -> {
            Endpoint endpoint = broker.endpoint(listenerName);
            return new BlockingChannel(endpoint.host(), endpoint.port(), SOCKET_TIMEOUT_MS,
                    "txn-marker-sender-" + localBrokerId, security);
        });
    }

    private void closeChannel(int brokerId) {
        BlockingChannel channel = channels.remove(brokerId);
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void close() {
        network.execute(() -> {
            channels.values().forEach(BlockingChannel::close);
            channels.clear();
        });
        network.shutdown();
    }
}
