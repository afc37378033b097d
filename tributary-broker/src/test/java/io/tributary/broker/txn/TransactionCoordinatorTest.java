package io.tributary.broker.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.group.InMemoryOffsetsTopic;
import io.tributary.broker.group.ManualScheduler;
import io.tributary.common.MockTime;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.Errors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The coordinator's state machine on moved time: loading, timeouts, id expiration and failover, over an
 * in-memory {@code __transaction_state} and a marker delivery the test completes by hand.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TransactionCoordinatorTest {

    private static final TopicPartition TP0 = new TopicPartition("orders", 0);
    private static final TopicPartition TP1 = new TopicPartition("orders", 1);

    private final MockTime time = new MockTime();
    private final ManualScheduler scheduler = new ManualScheduler(time);
    private final InMemoryOffsetsTopic stateTopic = new InMemoryOffsetsTopic();
    private final RecordingDelivery markers = new RecordingDelivery();
    private final AtomicLong producerIds = new AtomicLong(1000);
    private final TxnConfig config = TxnConfig.from(Map.of("transaction.state.log.num.partitions", "1",
            "transaction.max.timeout.ms", "60000", "transactional.id.expiration.ms", "100000",
            "transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000",
            "transaction.remove.expired.transaction.cleanup.interval.ms", "5000"));
    private TransactionCoordinator coordinator;

    @BeforeEach
    void start() {
        coordinator = newCoordinator();
        coordinator.onBecameLeader(0, 3);
        scheduler.runDue();
        coordinator.startup();
    }

    private TransactionCoordinator newCoordinator() {
        return new TransactionCoordinator(config, new TxnStateStore(stateTopic, time), markers, producerIds::getAndIncrement,
                scheduler, time);
    }

    @Test
    void loadingAndForeignPartitionsAnswerLikeKafka() {
        TransactionCoordinator fresh = newCoordinator();
        assertThat(fresh.initProducerId("a", 1000, -1, (short) -1, Errors.PRODUCER_FENCED).join().error())
                .isEqualTo(Errors.NOT_COORDINATOR);
        fresh.onBecameLeader(0, 4);
        assertThat(fresh.initProducerId("a", 1000, -1, (short) -1, Errors.PRODUCER_FENCED).join().error())
                .isEqualTo(Errors.COORDINATOR_LOAD_IN_PROGRESS);
        scheduler.runDue();
        assertThat(fresh.initProducerId("a", 1000, -1, (short) -1, Errors.PRODUCER_FENCED).join().error())
                .isEqualTo(Errors.NONE);
    }

    @Test
    void initProducerIdBumpsTheEpochAndRefusesTimeoutsAboveTheMaximum() {
        var first = coordinator.initProducerId("writer", 5000, -1, (short) -1, Errors.PRODUCER_FENCED).join();
        var second = coordinator.initProducerId("writer", 5000, -1, (short) -1, Errors.PRODUCER_FENCED).join();
        assertThat(second.producerId()).isEqualTo(first.producerId());
        assertThat(second.producerEpoch()).isEqualTo((short) (first.producerEpoch() + 1));
        assertThat(coordinator.initProducerId("writer", 60001, -1, (short) -1, Errors.PRODUCER_FENCED).join().error())
                .isEqualTo(Errors.INVALID_TRANSACTION_TIMEOUT);
        assertThat(coordinator.initProducerId("", 5000, -1, (short) -1, Errors.PRODUCER_FENCED).join().error())
                .as("an empty transactional id").isEqualTo(Errors.INVALID_REQUEST);
        assertThat(coordinator.initProducerId("writer", 5000, first.producerId(), first.producerEpoch(),
                Errors.PRODUCER_FENCED).join().error()).as("KIP-360 with a stale epoch").isEqualTo(Errors.PRODUCER_FENCED);
    }

    @Test
    void commitWritesPrepareThenMarkersThenComplete() {
        var ids = coordinator.initProducerId("writer", 5000, -1, (short) -1, Errors.PRODUCER_FENCED).join();
        assertThat(add(ids, TP0, TP1)).isEqualTo(Errors.NONE);
        assertThat(coordinator.endTransaction("writer", ids.producerId(), ids.producerEpoch(), true,
                Errors.PRODUCER_FENCED).join()).isEqualTo(Errors.NONE);
        assertThat(state("writer")).isEqualTo(TxnState.PREPARE_COMMIT);
        assertThat(coordinator.endTransaction("writer", ids.producerId(), ids.producerEpoch(), true,
                Errors.PRODUCER_FENCED).join()).as("retried while markers are out").isEqualTo(Errors.CONCURRENT_TRANSACTIONS);
        assertThat(markers.sent).hasSize(1);
        assertThat(markers.sent.get(0).marker().commit()).isTrue();
        assertThat(markers.sent.get(0).partitions()).containsExactlyInAnyOrder(TP0, TP1);
        markers.completeAll();
        assertThat(state("writer")).isEqualTo(TxnState.COMPLETE_COMMIT);
        assertThat(coordinator.endTransaction("writer", ids.producerId(), ids.producerEpoch(), true,
                Errors.PRODUCER_FENCED).join()).as("retry after completion").isEqualTo(Errors.NONE);
        assertThat(coordinator.endTransaction("writer", ids.producerId(), ids.producerEpoch(), false,
                Errors.PRODUCER_FENCED).join()).isEqualTo(Errors.INVALID_TXN_STATE);
    }

    @Test
    void nextTransactionsAddPartitionsWaitsForThePreviousOnesMarkersInsteadOfFailing() {
        var ids = coordinator.initProducerId("eager", 5000, -1, (short) -1, Errors.PRODUCER_FENCED).join();
        add(ids, TP0);
        coordinator.endTransaction("eager", ids.producerId(), ids.producerEpoch(), true, Errors.PRODUCER_FENCED).join();
        CompletableFuture<Errors> next = coordinator.addPartitions("eager", ids.producerId(), ids.producerEpoch(),
                Set.of(TP1), Errors.PRODUCER_FENCED);
        assertThat(next).isNotDone();
        markers.completeAll();
        assertThat(next).isCompletedWithValue(Errors.NONE);
        assertThat(state("eager")).isEqualTo(TxnState.ONGOING);

        coordinator.endTransaction("eager", ids.producerId(), ids.producerEpoch(), false, Errors.PRODUCER_FENCED).join();
        CompletableFuture<Errors> stuck = coordinator.addPartitions("eager", ids.producerId(), ids.producerEpoch(),
                Set.of(TP0), Errors.PRODUCER_FENCED);
        scheduler.advance(1_000);
        assertThat(stuck).as("markers still out after the bound").isCompletedWithValue(Errors.CONCURRENT_TRANSACTIONS);
    }

    @Test
    void transactionOpenPastItsTimeoutIsAbortedWithABumpedEpoch() {
        var ids = coordinator.initProducerId("slow", 3000, -1, (short) -1, Errors.PRODUCER_FENCED).join();
        add(ids, TP0);
        scheduler.advance(2000);
        assertThat(markers.sent).isEmpty();
        scheduler.advance(2000);
        assertThat(markers.sent).hasSize(1);
        MarkerDelivery.Marker abort = markers.sent.get(0).marker();
        assertThat(abort.commit()).isFalse();
        assertThat(abort.producerEpoch()).isEqualTo((short) (ids.producerEpoch() + 1));
        assertThat(abort.coordinatorEpoch()).isEqualTo(3);
        markers.completeAll();
        assertThat(state("slow")).isEqualTo(TxnState.COMPLETE_ABORT);
        assertThat(coordinator.endTransaction("slow", ids.producerId(), ids.producerEpoch(), true,
                Errors.PRODUCER_FENCED).join()).as("the old producer is fenced").isEqualTo(Errors.PRODUCER_FENCED);
    }

    @Test
    void idleTransactionalIdExpiresWithATombstoneAndStartsAfreshAfterwards() {
        var ids = coordinator.initProducerId("idle", 3000, -1, (short) -1, Errors.PRODUCER_FENCED).join();
        var busy = coordinator.initProducerId("busy", 60000, -1, (short) -1, Errors.PRODUCER_FENCED).join();
        add(busy, TP0);
        scheduler.advance(99_000);
        assertThat(state("idle")).isEqualTo(TxnState.EMPTY);
        scheduler.advance(6_000);
        assertThat(state("idle")).isNull();
        assertThat(new TxnStateStore(stateTopic, time).load(0)).doesNotContainKey("idle");
        var again = coordinator.initProducerId("idle", 3000, -1, (short) -1, Errors.PRODUCER_FENCED).join();
        assertThat(again.producerId()).isNotEqualTo(ids.producerId());
    }

    @Test
    void newCoordinatorFinishesADecidedTransactionItLoads() {
        var ids = coordinator.initProducerId("failover", 30000, -1, (short) -1, Errors.PRODUCER_FENCED).join();
        add(ids, TP0, TP1);
        coordinator.endTransaction("failover", ids.producerId(), ids.producerEpoch(), false, Errors.PRODUCER_FENCED).join();
        coordinator.onResigned(0);
        markers.failAll(); // the old coordinator's deliveries end with its leadership
        assertThat(markers.sent).hasSize(1);

        TransactionCoordinator successor = newCoordinator();
        successor.onBecameLeader(0, 4);
        scheduler.runDue();
        assertThat(markers.sent).hasSize(2);
        MarkerDelivery.Marker resent = markers.sent.get(1).marker();
        assertThat(resent.commit()).isFalse();
        assertThat(resent.coordinatorEpoch()).isEqualTo(4);
        assertThat(markers.sent.get(1).partitions()).containsExactlyInAnyOrder(TP0, TP1);
        markers.completeAll();
        assertThat(stateIn(successor, "failover")).isEqualTo(TxnState.COMPLETE_ABORT);
    }

    private Errors add(TransactionCoordinator.ProducerIdAndEpoch ids, TopicPartition... partitions) {
        return coordinator.addPartitions(idOf(ids), ids.producerId(), ids.producerEpoch(),
                Set.of(partitions), Errors.PRODUCER_FENCED).join();
    }

    private String idOf(TransactionCoordinator.ProducerIdAndEpoch ids) {
        for (TxnRegistry.OwnedPartition owner : coordinator.registry().loadedPartitions()) {
            for (TxnMetadata metadata : owner.transactions.values()) {
                if (metadata.producerId == ids.producerId()) {
                    return metadata.transactionalId;
                }
            }
        }
        throw new AssertionError("no id with producer " + ids.producerId());
    }

    private TxnState state(String transactionalId) {
        return stateIn(coordinator, transactionalId);
    }

    private static TxnState stateIn(TransactionCoordinator coordinator, String transactionalId) {
        Errors[] error = new Errors[1];
        TxnRegistry.OwnedPartition owner = coordinator.registry().ownerOf(transactionalId, error);
        TxnMetadata metadata = owner == null ? null : owner.transactions.get(transactionalId);
        if (metadata == null) {
            return null;
        }
        synchronized (metadata) {
            return metadata.state;
        }
    }

    /** Records deliveries; the test completes or fails them. */
    private static final class RecordingDelivery implements MarkerDelivery {
        record Sent(Marker marker, Set<TopicPartition> partitions, CompletableFuture<Void> done) {
        }

        final List<Sent> sent = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<Void> send(Marker marker, Set<TopicPartition> partitions,
                                                         BooleanSupplier stillCoordinator) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            sent.add(new Sent(marker, Set.copyOf(partitions), done));
            return done;
        }

        void completeAll() {
            List.copyOf(sent).forEach(s -> s.done().complete(null));
        }

        void failAll() {
            List.copyOf(sent).forEach(s -> s.done().completeExceptionally(new IllegalStateException("resigned")));
        }

        @Override
        public void close() {
        }
    }
}
