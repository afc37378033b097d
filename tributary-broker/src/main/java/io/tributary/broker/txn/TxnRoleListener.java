package io.tributary.broker.txn;

import io.tributary.broker.admin.TopicNames;
import io.tributary.broker.replica.Partition;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.common.TopicPartition;

/**
 * Makes the transaction coordinator follow this broker's leadership of {@code __transaction_state}
 * partitions; the leader epoch becomes the coordinator epoch its markers carry. Called on the metadata
 * thread; loading runs in the background.
 */
public final class TxnRoleListener implements ReplicaManager.RoleListener {

    private final TransactionCoordinator coordinator;

    public TxnRoleListener(TransactionCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public void onBecomeLeader(Partition partition) {
        if (isStateTopic(partition.topicPartition())) {
            coordinator.onBecameLeader(partition.topicPartition().partition(), partition.leaderEpoch());
        }
    }

    @Override
    public void onBecomeFollower(Partition partition, int leaderId) {
        if (isStateTopic(partition.topicPartition())) {
            coordinator.onResigned(partition.topicPartition().partition());
        }
    }

    @Override
    public void onRemoved(TopicPartition partition) {
        if (isStateTopic(partition)) {
            coordinator.onResigned(partition.partition());
        }
    }

    private static boolean isStateTopic(TopicPartition partition) {
        return partition.topic().equals(TopicNames.TRANSACTION_STATE);
    }
}
