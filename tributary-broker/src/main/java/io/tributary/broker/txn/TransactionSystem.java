package io.tributary.broker.txn;

import io.tributary.broker.admin.TopicNames;
import io.tributary.broker.group.ExecutorScheduler;
import io.tributary.broker.group.ReplicatedOffsetsTopic;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.replica.InterBrokerSecurity;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.common.Time;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The transaction coordinator with everything it runs on, built once by the broker: its scheduler thread,
 * {@code __transaction_state} over the local replicas, the marker writer and sender, and the request
 * handlers. {@link #closeables()} lists what the broker stops, in order.
 */
public final class TransactionSystem {

    private final TransactionCoordinator coordinator;
    private final TxnMarkerWriter markerWriter;
    private final ExecutorScheduler scheduler;
    private final ReplicatedOffsetsTopic stateTopic;

    /**
     * @param listenerName       the inter-broker listener markers are sent on, with {@code security}
     * @param offsetsListener    told of markers that end transactional offset commits (the group coordinator)
     * @param commitTimeoutMs    how long a state write or a marker may wait for replication
     */
    public TransactionSystem(TxnConfig config, ReplicaManager replicas, Supplier<ClusterImage> images, int brokerId,
                             String listenerName, InterBrokerSecurity security, TransactionCoordinator.ProducerIds producerIds,
                             TxnMarkerWriter.OffsetsMarkerListener offsetsListener, long commitTimeoutMs, Time time) {
        this.scheduler = new ExecutorScheduler("txn-coordinator");
        this.stateTopic = new ReplicatedOffsetsTopic(replicas, TopicNames.TRANSACTION_STATE,
                partition -> Math.min(config.stateLogMinIsr(), partition.replicas().size()), commitTimeoutMs,
                scheduler, time);
        this.markerWriter = new TxnMarkerWriter(replicas, scheduler, time, commitTimeoutMs, offsetsListener);
        TxnMarkerSender sender = new TxnMarkerSender(images, brokerId, listenerName, security, markerWriter, scheduler);
        this.coordinator = new TransactionCoordinator(config, new TxnStateStore(stateTopic, time), sender, producerIds,
                scheduler, time);
    }

    public TransactionCoordinator coordinator() {
        return coordinator;
    }

    public TxnMarkerWriter markerWriter() {
        return markerWriter;
    }

    public TxnRoleListener roleListener() {
        return new TxnRoleListener(coordinator);
    }

    public TxnApis apis(Supplier<ClusterImage> images, ToIntFunction<String> offsetsPartitionFor) {
        return new TxnApis(coordinator, images, offsetsPartitionFor);
    }

    public void startup() {
        coordinator.startup();
    }

    /** What to stop when the broker stops, in order. */
    public List<AutoCloseable> closeables() {
        return List.of(coordinator::shutdown, scheduler, stateTopic);
    }
}
