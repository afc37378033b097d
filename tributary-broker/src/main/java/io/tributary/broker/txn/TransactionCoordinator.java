package io.tributary.broker.txn;

import io.tributary.broker.group.Scheduler;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.Errors;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction coordinator (KIP-98, with KIP-360's epoch bumps and KIP-447's group checks elsewhere):
 * the state machine of every transactional id whose {@code __transaction_state} partition this broker
 * leads. Transaction Version 1 semantics: partitions join through AddPartitionsToTxn / AddOffsetsToTxn, the
 * epoch is bumped by InitProducerId and when the coordinator aborts on its own (timeout, fencing).
 *
 * <h2>Lifecycle of a transaction</h2>
 * Empty or Complete* → (AddPartitions) Ongoing → (EndTxn) PrepareCommit / PrepareAbort, answered once that
 * record is replicated → markers written to every partition by the {@link TxnMarkerSender} →
 * CompleteCommit / CompleteAbort. Each state is a record in {@code __transaction_state}; a new
 * coordinator loading the partition finishes any Prepare* it finds, so a decided transaction always ends.
 * Open transactions past their timeout are aborted with an epoch bump, fencing the producer; idle ids
 * past {@code transactional.id.expiration.ms} are tombstoned.
 *
 * <h2>Threading</h2>
 * Methods may be called from any request-handler thread and from the scheduler, and never block: results
 * are futures completed when the log write (or marker delivery) finishes. Each {@link TxnMetadata} is
 * guarded by its own monitor; state writes are issued under it (so an id's records are in order) and
 * applied under it when replicated. Futures are completed outside it.
 */
public final class TransactionCoordinator {

    private static final Logger log = LoggerFactory.getLogger(TransactionCoordinator.class);

    /** Hands out producer ids; may block briefly on ZooKeeper. */
    @FunctionalInterface
    public interface ProducerIds {
        long next() throws Exception;
    }

    /** An InitProducerId outcome. */
    public record ProducerIdAndEpoch(Errors error, long producerId, short producerEpoch) {
        static ProducerIdAndEpoch failed(Errors error) {
            return new ProducerIdAndEpoch(error, -1, (short) -1);
        }
    }

    private final TxnConfig config;
    private final TxnRegistry registry;
    private final TxnStateStore store;
    private final TxnCompletion completion;
    private final MarkerDelivery markers;
    private final ProducerIds producerIds;
    private final Scheduler scheduler;
    private final Time time;
    private volatile boolean running;

    TransactionCoordinator(TxnConfig config, TxnStateStore store, MarkerDelivery markers, ProducerIds producerIds,
                           Scheduler scheduler, Time time) {
        this.config = config;
        this.registry = new TxnRegistry(config.stateLogPartitions());
        this.store = store;
        this.completion = new TxnCompletion(registry, store, markers, scheduler, time);
        this.markers = markers;
        this.producerIds = producerIds;
        this.scheduler = scheduler;
        this.time = time;
    }

    public TxnConfig config() {
        return config;
    }

    public int partitionFor(String transactionalId) {
        return registry.partitionFor(transactionalId);
    }

    public boolean isLoaded(int partition) {
        return registry.isLoaded(partition);
    }

    TxnRegistry registry() {
        return registry;
    }

    Time time() {
        return time;
    }

    /** Starts the timeout and expiration checks. */
    public void startup() {
        running = true;
        scheduleRepeating(config.abortTimedOutIntervalMs(), this::abortTimedOutTransactions);
        scheduleRepeating(config.removeExpiredIntervalMs(), this::expireTransactionalIds);
    }

    public void shutdown() {
        running = false;
        for (int partition : registry.ownedPartitions()) {
            onResigned(partition);
        }
        markers.close();
    }

    private void scheduleRepeating(long intervalMs, Runnable task) {
        if (running) {
            scheduler.schedule(intervalMs, () -> {
                task.run();
                scheduleRepeating(intervalMs, task);
            });
        }
    }

    // ---- leadership ----

    /** This broker now leads the partition at {@code leaderEpoch}: load it in the background. */
    public void onBecameLeader(int partition, int leaderEpoch) {
        TxnRegistry.OwnedPartition fresh = new TxnRegistry.OwnedPartition(partition, leaderEpoch);
        registry.startLoading(fresh);
        scheduler.schedule(0, () -> load(fresh));
    }

    public void onResigned(int partition) {
        if (registry.resign(partition) != null) {
            log.info("Resigned as transaction coordinator of __transaction_state-{}", partition);
        }
    }

    private void load(TxnRegistry.OwnedPartition owner) {
        if (!registry.isCurrent(owner)) {
            return;
        }
        Map<String, TxnMetadata.Transition> loaded;
        try {
            loaded = store.load(owner.partition);
        } catch (RuntimeException e) {
            log.error("Failed to load __transaction_state-{}; its transactions stay unavailable", owner.partition, e);
            return;
        }
        long now = time.milliseconds();
        loaded.forEach((id, value) -> {
            TxnMetadata metadata = new TxnMetadata(id, value.producerId(), value.producerEpoch(), value.timeoutMs(),
                    value.state(), now);
            metadata.apply(value);
            owner.transactions.put(id, metadata);
        });
        owner.loaded = true;
        log.info("Loaded {} transactional ids from __transaction_state-{} (coordinator epoch {})", loaded.size(),
                owner.partition, owner.coordinatorEpoch);
        for (TxnMetadata metadata : owner.transactions.values()) {
            synchronized (metadata) {
                if (metadata.state.isPreparing()) {
                    // decided before the failover: finish it, markers included
                    completion.deliverMarkers(owner, metadata, metadata.current());
                }
            }
        }
    }

    // ---- InitProducerId ----

    public CompletableFuture<ProducerIdAndEpoch> initProducerId(String transactionalId, int timeoutMs,
                                                                long expectedProducerId, short expectedEpoch,
                                                                Errors fencedError) {
        if (transactionalId == null || transactionalId.isEmpty()) {
            return done(ProducerIdAndEpoch.failed(Errors.INVALID_REQUEST));
        }
        if (timeoutMs <= 0 || timeoutMs > config.maxTimeoutMs()) {
            return done(ProducerIdAndEpoch.failed(Errors.INVALID_TRANSACTION_TIMEOUT));
        }
        Errors[] error = new Errors[1];
        TxnRegistry.OwnedPartition owner = registry.ownerOf(transactionalId, error);
        if (owner == null) {
            return done(ProducerIdAndEpoch.failed(error[0]));
        }
        TxnMetadata metadata = owner.transactions.get(transactionalId);
        if (metadata == null) {
            long producerId;
            try {
                producerId = producerIds.next();
            } catch (Exception e) {
                log.warn("Could not allocate a producer id: {}", e.toString());
                return done(ProducerIdAndEpoch.failed(Errors.COORDINATOR_NOT_AVAILABLE));
            }
            TxnMetadata fresh = new TxnMetadata(transactionalId, producerId, (short) -1, timeoutMs, TxnState.EMPTY,
                    time.milliseconds());
            TxnMetadata raced = owner.transactions.putIfAbsent(transactionalId, fresh);
            metadata = raced == null ? fresh : raced;
        }
        synchronized (metadata) {
            if (metadata.pending != null || metadata.state.isPreparing()) {
                return done(ProducerIdAndEpoch.failed(Errors.CONCURRENT_TRANSACTIONS));
            }
            if (expectedProducerId >= 0 && (expectedProducerId != metadata.producerId
                    || expectedEpoch != metadata.producerEpoch)) {
                return done(ProducerIdAndEpoch.failed(fencedError));
            }
            if (metadata.state == TxnState.ONGOING) {
                // a new incarnation of the producer: the old one's transaction is aborted and it is fenced
                completion.abortWithEpochBump(owner, metadata);
                return done(ProducerIdAndEpoch.failed(Errors.CONCURRENT_TRANSACTIONS));
            }
            long producerId = metadata.producerId;
            short epoch = (short) (metadata.producerEpoch + 1);
            if (metadata.producerEpoch >= Short.MAX_VALUE - 1) {
                try {
                    producerId = producerIds.next();
                } catch (Exception e) {
                    return done(ProducerIdAndEpoch.failed(Errors.COORDINATOR_NOT_AVAILABLE));
                }
                epoch = 0;
            }
            long now = time.milliseconds();
            TxnMetadata.Transition next = new TxnMetadata.Transition(producerId, epoch, timeoutMs, TxnState.EMPTY,
                    Set.of(), -1, now);
            return completion.persist(owner, metadata, next).thenApply(result -> result == Errors.NONE
                    ? new ProducerIdAndEpoch(Errors.NONE, next.producerId(), next.producerEpoch())
                    : ProducerIdAndEpoch.failed(result));
        }
    }

    // ---- AddPartitionsToTxn / AddOffsetsToTxn ----

    public CompletableFuture<Errors> addPartitions(String transactionalId, long producerId, short producerEpoch,
                                                   Set<TopicPartition> partitions, Errors fencedError) {
        if (transactionalId == null || transactionalId.isEmpty()) {
            return done(Errors.INVALID_REQUEST);
        }
        Errors[] error = new Errors[1];
        TxnRegistry.OwnedPartition owner = registry.ownerOf(transactionalId, error);
        if (owner == null) {
            return done(error[0]);
        }
        TxnMetadata metadata = owner.transactions.get(transactionalId);
        if (metadata == null) {
            return done(Errors.INVALID_PRODUCER_ID_MAPPING);
        }
        synchronized (metadata) {
            Errors check = checkProducer(metadata, producerId, producerEpoch, fencedError);
            if (check == Errors.CONCURRENT_TRANSACTIONS && metadata.state.isPreparing()) {
                // The producer's previous transaction is decided and its markers are on their way: instead of
                // sending the client into a retry back-off (a large share of a short transaction), answer as
                // soon as it completes, or CONCURRENT_TRANSACTIONS after a bound if the markers take long.
                return completion.parkUntilComplete(metadata, () -> addPartitions(transactionalId, producerId, producerEpoch,
                        partitions, fencedError));
            }
            if (check != Errors.NONE) {
                return done(check);
            }
            if (metadata.state == TxnState.ONGOING && metadata.partitions.containsAll(partitions)) {
                return done(Errors.NONE);
            }
            Set<TopicPartition> union = new HashSet<>(metadata.partitions);
            if (metadata.state != TxnState.ONGOING) {
                union.clear();
            }
            union.addAll(partitions);
            long now = time.milliseconds();
            long start = metadata.state == TxnState.ONGOING ? metadata.txnStartTimestamp : now;
            return completion.persist(owner, metadata, metadata.to(TxnState.ONGOING, union, start, now));
        }
    }

    /** KIP-890's verification: NONE when the partition is in the producer's open transaction. */
    public Errors verifyPartition(String transactionalId, long producerId, short producerEpoch, TopicPartition tp,
                                  Errors notInTransaction) {
        Errors[] error = new Errors[1];
        TxnRegistry.OwnedPartition owner = registry.ownerOf(transactionalId, error);
        if (owner == null) {
            return error[0];
        }
        TxnMetadata metadata = owner.transactions.get(transactionalId);
        if (metadata == null) {
            return Errors.INVALID_PRODUCER_ID_MAPPING;
        }
        synchronized (metadata) {
            if (metadata.producerId != producerId) {
                return Errors.INVALID_PRODUCER_ID_MAPPING;
            }
            if (metadata.producerEpoch != producerEpoch) {
                return Errors.INVALID_PRODUCER_EPOCH;
            }
            return metadata.state == TxnState.ONGOING && metadata.partitions.contains(tp) ? Errors.NONE
                    : notInTransaction;
        }
    }

    // ---- EndTxn ----

    public CompletableFuture<Errors> endTransaction(String transactionalId, long producerId, short producerEpoch,
                                                    boolean commit, Errors fencedError) {
        if (transactionalId == null || transactionalId.isEmpty()) {
            return done(Errors.INVALID_REQUEST);
        }
        Errors[] error = new Errors[1];
        TxnRegistry.OwnedPartition owner = registry.ownerOf(transactionalId, error);
        if (owner == null) {
            return done(error[0]);
        }
        TxnMetadata metadata = owner.transactions.get(transactionalId);
        if (metadata == null) {
            return done(Errors.INVALID_PRODUCER_ID_MAPPING);
        }
        synchronized (metadata) {
            if (metadata.producerId != producerId) {
                return done(Errors.INVALID_PRODUCER_ID_MAPPING);
            }
            if (metadata.producerEpoch != producerEpoch) {
                return done(fencedError);
            }
            if (metadata.pending != null) {
                return done(Errors.CONCURRENT_TRANSACTIONS);
            }
            switch (metadata.state) {
                case ONGOING -> {
                    TxnMetadata.Transition prepare = metadata.to(commit ? TxnState.PREPARE_COMMIT
                            : TxnState.PREPARE_ABORT, metadata.partitions, metadata.txnStartTimestamp,
                            time.milliseconds());
                    return completion.persist(owner, metadata, prepare).thenApply(result -> {
                        if (result == Errors.NONE) {
                            synchronized (metadata) {
                                completion.deliverMarkers(owner, metadata, prepare);
                            }
                        }
                        return result;
                    });
                }
                case COMPLETE_COMMIT, PREPARE_COMMIT -> {
                    return done(!commit ? Errors.INVALID_TXN_STATE
                            : metadata.state == TxnState.COMPLETE_COMMIT ? Errors.NONE : Errors.CONCURRENT_TRANSACTIONS);
                }
                case COMPLETE_ABORT, PREPARE_ABORT -> {
                    return done(commit ? Errors.INVALID_TXN_STATE
                            : metadata.state == TxnState.COMPLETE_ABORT ? Errors.NONE : Errors.CONCURRENT_TRANSACTIONS);
                }
                default -> {
                    return done(Errors.INVALID_TXN_STATE); // Empty: nothing was added to a transaction
                }
            }
        }
    }

    private static Errors checkProducer(TxnMetadata metadata, long producerId, short producerEpoch, Errors fencedError) {
        if (metadata.producerId != producerId) {
            return Errors.INVALID_PRODUCER_ID_MAPPING;
        }
        if (metadata.producerEpoch != producerEpoch) {
            return fencedError;
        }
        if (metadata.pending != null || metadata.state.isPreparing()) {
            return Errors.CONCURRENT_TRANSACTIONS;
        }
        return Errors.NONE;
    }

    // ---- timers ----

    /** Aborts every open transaction older than its timeout (epoch bumped: the producer is fenced). */
    void abortTimedOutTransactions() {
        long now = time.milliseconds();
        for (TxnRegistry.OwnedPartition owner : registry.loadedPartitions()) {
            for (TxnMetadata metadata : owner.transactions.values()) {
                synchronized (metadata) {
                    if (metadata.state == TxnState.ONGOING && metadata.pending == null
                            && now - metadata.txnStartTimestamp > metadata.timeoutMs) {
                        log.info("Aborting transaction of {} (producer {}): open {} ms, past its timeout of {} ms",
                                metadata.transactionalId, metadata.producerId, now - metadata.txnStartTimestamp,
                                metadata.timeoutMs);
                        completion.abortWithEpochBump(owner, metadata);
                    }
                }
            }
        }
    }

    /** Removes ids idle for longer than transactional.id.expiration.ms, with a tombstone in the log. */
    void expireTransactionalIds() {
        long now = time.milliseconds();
        for (TxnRegistry.OwnedPartition owner : registry.loadedPartitions()) {
            for (TxnMetadata metadata : owner.transactions.values()) {
                synchronized (metadata) {
                    if (!metadata.state.isIdle() || metadata.pending != null
                            || now - metadata.lastUpdateTimestamp <= config.idExpirationMs()) {
                        continue;
                    }
                    TxnMetadata.Transition dead = metadata.to(TxnState.DEAD, Set.of(), -1, now);
                    metadata.pending = dead;
                    store.write(owner.partition, metadata.transactionalId, null).thenAccept(result -> {
                        synchronized (metadata) {
                            if (metadata.pending == dead) {
                                metadata.pending = null;
                                if (result == Errors.NONE) {
                                    metadata.apply(dead);
                                    owner.transactions.remove(metadata.transactionalId, metadata);
                                }
                            }
                        }
                    });
                }
            }
        }
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
