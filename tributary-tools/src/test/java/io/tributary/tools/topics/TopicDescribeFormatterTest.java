package io.tributary.tools.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.metadata.TopicInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TopicDescribeFormatterTest {

    @Test
    void printsKafkaTwoLayout() {
        DescribedTopic topic = new DescribedTopic(
                new TopicInfo("my-replicated-topic", UUID.randomUUID(), Map.of(0, List.of(1, 2, 0), 1, List.of(2, 0, 1))),
                Map.of(0, new PartitionState(1, 3, List.of(1, 2, 0), 1, 4)),
                Map.of("segment.bytes", "1073741824", "cleanup.policy", "compact"), false);
        assertThat(TopicDescribeFormatter.format(topic)).isEqualTo(
                "Topic: my-replicated-topic\tPartitionCount: 2\tReplicationFactor: 3\t"
                        + "Configs: cleanup.policy=compact,segment.bytes=1073741824\n"
                        + "\tTopic: my-replicated-topic\tPartition: 0\tLeader: 1\tReplicas: 1,2,0\tIsr: 1,2,0\n"
                        + "\tTopic: my-replicated-topic\tPartition: 1\tLeader: none\tReplicas: 2,0,1\tIsr: \n");
    }

    @Test
    void marksTopicsPendingDeletion() {
        DescribedTopic topic = new DescribedTopic(new TopicInfo("t", UUID.randomUUID(), Map.of(0, List.of(0))),
                Map.of(0, new PartitionState(0, 0, List.of(0), 1, 0)), Map.of(), true);
        assertThat(TopicDescribeFormatter.format(topic)).isEqualTo(
                "Topic: t\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: \tMarkedForDeletion: true\n"
                        + "\tTopic: t\tPartition: 0\tLeader: 0\tReplicas: 0\tIsr: 0\tMarkedForDeletion: true\n");
    }
}
