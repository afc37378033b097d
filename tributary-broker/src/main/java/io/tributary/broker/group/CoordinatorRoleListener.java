package io.tributary.broker.group;

import io.tributary.broker.admin.TopicNames;
import io.tributary.broker.replica.Partition;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.common.TopicPartition;

/**
 * Makes the group coordinator follow this broker's leadership of {@code __consumer_offsets}
 * partitions: it serves a partition's groups exactly while this broker leads it. Other topics are
 * ignored. Called on the metadata thread; the coordinator loads in the background.
 */
public final class CoordinatorRoleListener implements ReplicaManager.RoleListener {

    private final GroupCoordinator coordinator;

    public CoordinatorRoleListener(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public void onBecomeLeader(Partition partition) {
        if (isOffsetsTopic(partition.topicPartition())) {
            coordinator.onBecameLeader(partition.topicPartition().partition());
        }
    }

    @Override
    public void onBecomeFollower(Partition partition, int leaderId) {
        if (isOffsetsTopic(partition.topicPartition())) {
            coordinator.onResigned(partition.topicPartition().partition());
        }
    }

    @Override
    public void onRemoved(TopicPartition partition) {
        if (isOffsetsTopic(partition)) {
            coordinator.onResigned(partition.partition());
        }
    }

    private static boolean isOffsetsTopic(TopicPartition partition) {
        return partition.topic().equals(TopicNames.CONSUMER_OFFSETS);
    }
}
