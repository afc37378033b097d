package io.tributary.tools.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TopicDescribeFormatterTest {

    @Test
    void printsKafkaTwoLayout() {
        TopicInfo topic = new TopicInfo("my-replicated-topic", Map.of("segment.bytes", "1073741824",
                "cleanup.policy", "compact"),
                List.of(new PartitionState(0, 1, List.of(1, 2, 0), List.of(1, 2, 0)),
                        new PartitionState(1, -1, List.of(2, 0, 1), List.of())), false);
        assertThat(TopicDescribeFormatter.format(topic)).isEqualTo(
                "Topic: my-replicated-topic\tPartitionCount: 2\tReplicationFactor: 3\t"
                        + "Configs: cleanup.policy=compact,segment.bytes=1073741824\n"
                        + "\tTopic: my-replicated-topic\tPartition: 0\tLeader: 1\tReplicas: 1,2,0\tIsr: 1,2,0\n"
                        + "\tTopic: my-replicated-topic\tPartition: 1\tLeader: none\tReplicas: 2,0,1\tIsr: \n");
    }

    @Test
    void marksTopicsPendingDeletion() {
        TopicInfo topic = new TopicInfo("t", Map.of(), List.of(new PartitionState(0, 0, List.of(0), List.of(0))), true);
        assertThat(TopicDescribeFormatter.format(topic)).isEqualTo(
                "Topic: t\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: \tMarkedForDeletion: true\n"
                        + "\tTopic: t\tPartition: 0\tLeader: 0\tReplicas: 0\tIsr: 0\tMarkedForDeletion: true\n");
    }
}
