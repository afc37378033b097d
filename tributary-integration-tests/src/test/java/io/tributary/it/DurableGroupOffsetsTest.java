package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.ChildProcessBroker;
import io.tributary.testkit.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Committed offsets as a consumer relies on them: they survive a SIGKILL of the broker (rebuilt from
 * __consumer_offsets on start-up) and a read_committed consumer sees all non-transactional data (LSO = HW).
 */
class DurableGroupOffsetsTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void consumerRestartedAfterBrokerSigkillResumesExactlyWhereItsGroupCommitted() throws Exception {
        try (ChildProcessBroker broker = ChildProcessBroker.start(Map.of("group.initial.rebalance.delay.ms", "0"))) {
            String bootstrap = broker.bootstrapServers();
            Clients.createTopic(bootstrap, "durable", 2);
            for (int p = 0; p < 2; p++) {
                GroupMembers.produce(bootstrap, "durable", p, "p" + p + "-", 0, 100);
            }
            Map<TopicPartition, OffsetAndMetadata> commit = Map.of(
                    new TopicPartition("durable", 0), new OffsetAndMetadata(37),
                    new TopicPartition("durable", 1), new OffsetAndMetadata(61));
            try (KafkaConsumer<String, String> first = GroupMembers.member(bootstrap, "durable-group", "first", Map.of())) {
                first.subscribe(List.of("durable"));
                GroupMembers.await("the member owns both partitions", Duration.ofSeconds(30), () -> {
                    first.poll(Duration.ofMillis(100));
                    return first.assignment().size() == 2;
                });
                first.commitSync(commit);
            }

            broker.kill();
            broker.restart();

            List<ConsumerRecord<String, String>> resumed = new ArrayList<>();
            try (KafkaConsumer<String, String> second = GroupMembers.member(bootstrap, "durable-group", "second", Map.of())) {
                second.subscribe(List.of("durable"));
                GroupMembers.await("the restarted member read both partitions to the end", Duration.ofSeconds(60), () -> {
                    second.poll(Duration.ofMillis(100)).forEach(resumed::add);
                    return resumed.size() >= (100 - 37) + (100 - 61);
                });
                assertThat(second.poll(Duration.ofMillis(500))).isEmpty();
            }
            for (int p = 0; p < 2; p++) {
                int partition = p;
                long from = p == 0 ? 37 : 61;
                assertThat(resumed.stream().filter(r -> r.partition() == partition).map(ConsumerRecord::offset))
                        .as("offsets read from partition %d after the restart", p)
                        .containsExactlyElementsOf(java.util.stream.LongStream.range(from, 100).boxed().toList());
            }
            assertThat(GroupMembers.committed(bootstrap, "durable-group")).containsEntry(new TopicPartition("durable", 0), 37L)
                    .containsEntry(new TopicPartition("durable", 1), 61L);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void readCommittedGroupConsumerReadsEveryNonTransactionalRecord() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(Map.of("group.initial.rebalance.delay.ms", "0"))) {
            String bootstrap = broker.bootstrapServers();
            Clients.createTopic(bootstrap, "plain", 2);
            for (int p = 0; p < 2; p++) {
                GroupMembers.produce(bootstrap, "plain", p, "v" + p + "-", 0, 50);
            }
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            try (KafkaConsumer<String, String> member = GroupMembers.member(bootstrap, "rc-group", "rc",
                    Map.of("isolation.level", "read_committed"))) {
                member.subscribe(List.of("plain"));
                GroupMembers.await("read_committed member read all 100 records", Duration.ofSeconds(30), () -> {
                    member.poll(Duration.ofMillis(100)).forEach(received::add);
                    return received.size() >= 100;
                });
                List<TopicPartition> partitions = List.of(new TopicPartition("plain", 0), new TopicPartition("plain", 1));
                assertThat(member.endOffsets(partitions, Duration.ofSeconds(10)))
                        .as("read_committed end offsets (LSO) equal the high watermark")
                        .containsEntry(partitions.get(0), 50L).containsEntry(partitions.get(1), 50L);
                member.commitSync();
            }
            assertThat(received).hasSize(100);
            assertThat(received.stream().map(ConsumerRecord::value).distinct()).hasSize(100);
            assertThat(GroupMembers.committed(bootstrap, "rc-group")).containsEntry(new TopicPartition("plain", 0), 50L)
                    .containsEntry(new TopicPartition("plain", 1), 50L);
        }
    }
}
