package io.tributary.broker.txn;

import io.tributary.broker.admin.TopicAdmin;
import io.tributary.broker.admin.TopicNames;
import io.tributary.broker.group.CoordinatorKeySpace;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.protocol.Errors;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FindCoordinator's view of transactional ids: the leader of partition
 * {@code abs(hash) % transaction.state.log.num.partitions} of {@code __transaction_state}. The topic is
 * created compacted on first use with {@code transaction.state.log.replication.factor} replicas, fewer
 * when fewer brokers are alive (so a one-broker cluster can run transactions out of the box), and
 * {@code min.insync.replicas} capped at that count. Thread-safe.
 */
public final class TxnKeySpace implements CoordinatorKeySpace {

    private static final Logger log = LoggerFactory.getLogger(TxnKeySpace.class);

    private final TopicAdmin topicAdmin;
    private final TransactionCoordinator coordinator;

    public TxnKeySpace(TopicAdmin topicAdmin, TransactionCoordinator coordinator) {
        this.topicAdmin = topicAdmin;
        this.coordinator = coordinator;
    }

    @Override
    public String topic() {
        return TopicNames.TRANSACTION_STATE;
    }

    @Override
    public int partitionFor(String key) {
        return coordinator.partitionFor(key);
    }

    @Override
    public boolean isLoaded(int partition) {
        return coordinator.isLoaded(partition);
    }

    @Override
    public Errors validate(String key) {
        return key == null || key.isEmpty() ? Errors.INVALID_REQUEST : Errors.NONE;
    }

    @Override
    public void createTopic(ClusterImage image) {
        TxnConfig config = coordinator.config();
        int alive = Math.max(1, image.brokers().size());
        int replicationFactor = Math.min(config.stateLogReplicationFactor(), alive);
        int minIsr = Math.min(config.stateLogMinIsr(), replicationFactor);
        topicAdmin.create(topicAdmin.plan(TopicNames.TRANSACTION_STATE, config.stateLogPartitions(), replicationFactor,
                null, Map.of("cleanup.policy", "compact",
                        "segment.bytes", String.valueOf(config.stateLogSegmentBytes()),
                        "min.insync.replicas", String.valueOf(minIsr),
                        "unclean.leader.election.enable", "false")));
        log.info("Created {} with {} partitions, replication factor {} (configured {}), min.insync.replicas {}",
                TopicNames.TRANSACTION_STATE, config.stateLogPartitions(), replicationFactor,
                config.stateLogReplicationFactor(), minIsr);
    }
}
