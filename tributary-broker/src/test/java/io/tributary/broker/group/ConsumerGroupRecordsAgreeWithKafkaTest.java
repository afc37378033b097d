package io.tributary.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.coordinator.group.generated.ConsumerGroupCurrentMemberAssignmentKey;
import org.apache.kafka.coordinator.group.generated.ConsumerGroupCurrentMemberAssignmentValue;
import org.apache.kafka.coordinator.group.generated.ConsumerGroupMemberMetadataKey;
import org.apache.kafka.coordinator.group.generated.ConsumerGroupMemberMetadataValue;
import org.apache.kafka.coordinator.group.generated.ConsumerGroupMetadataKey;
import org.apache.kafka.coordinator.group.generated.ConsumerGroupMetadataValue;
import org.apache.kafka.coordinator.group.generated.ConsumerGroupTargetAssignmentMemberKey;
import org.apache.kafka.coordinator.group.generated.ConsumerGroupTargetAssignmentMemberValue;
import org.apache.kafka.coordinator.group.generated.ConsumerGroupTargetAssignmentMetadataValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our consumer-protocol group records are Kafka's: its generated record classes read our keys and
 * values (and write them back byte for byte where both versions know every field), and what Kafka
 * writes we read back.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ConsumerGroupRecordsAgreeWithKafkaTest {

    static final UUID TOPIC = new UUID(0x1234, 0x5678);

    @Test
    void groupEpochRecordIsKafkas() {
        OffsetsRecordBatch.KeyValue record = ConsumerGroupRecords.groupEpoch("g", 7, 99L);
        ByteBuffer key = ByteBuffer.wrap(record.key());
        assertThat(key.getShort(0)).isEqualTo((short) 3);
        assertThat(new ConsumerGroupMetadataKey(new ByteBufferAccessor(key.position(2)), (short) 0).groupId()).isEqualTo("g");
        ByteBuffer value = ByteBuffer.wrap(record.value());
        assertThat(value.getShort(0)).isZero();
        ConsumerGroupMetadataValue kafka = new ConsumerGroupMetadataValue(new ByteBufferAccessor(value.duplicate().position(2)), (short) 0);
        assertThat(kafka.epoch()).isEqualTo(7);
        assertThat(kafka.metadataHash()).isEqualTo(99L);
        assertThat(rewrite(kafka)).isEqualTo(value.position(2).slice());
    }

    @Test
    void memberRecordsAreKafkas() {
        ConsumerGroupMember member = new ConsumerGroupMember("m1");
        member.identity(null, "rack-a", "client-1", "/127.0.0.1");
        member.subscribe(List.of("orders", "payments"), "ord.*", null, "range");
        member.rebalanceTimeoutMs(30_000);
        member.restore(5, 4, ConsumerMemberState.UNREVOKED_PARTITIONS, ConsumerAssignment.of(Map.of(TOPIC, Set.of(0, 2))),
                ConsumerAssignment.of(Map.of(TOPIC, Set.of(1))));

        OffsetsRecordBatch.KeyValue metadata = ConsumerGroupRecords.member("g", member);
        ByteBuffer key = ByteBuffer.wrap(metadata.key());
        assertThat(key.getShort(0)).isEqualTo((short) 5);
        ConsumerGroupMemberMetadataKey kafkaKey = new ConsumerGroupMemberMetadataKey(new ByteBufferAccessor(key.position(2)), (short) 0);
        assertThat(kafkaKey.groupId()).isEqualTo("g");
        assertThat(kafkaKey.memberId()).isEqualTo("m1");
        ByteBuffer value = ByteBuffer.wrap(metadata.value()).position(2);
        ConsumerGroupMemberMetadataValue kafkaValue = new ConsumerGroupMemberMetadataValue(new ByteBufferAccessor(value.duplicate()), (short) 0);
        assertThat(kafkaValue.rackId()).isEqualTo("rack-a");
        assertThat(kafkaValue.clientId()).isEqualTo("client-1");
        assertThat(kafkaValue.subscribedTopicNames()).containsExactly("orders", "payments");
        assertThat(kafkaValue.subscribedTopicRegex()).isEqualTo("ord.*");
        assertThat(kafkaValue.rebalanceTimeoutMs()).isEqualTo(30_000);
        assertThat(kafkaValue.serverAssignor()).isEqualTo("range");
        assertThat(rewrite(kafkaValue)).isEqualTo(value.slice());

        OffsetsRecordBatch.KeyValue current = ConsumerGroupRecords.currentAssignment("g", member);
        key = ByteBuffer.wrap(current.key());
        assertThat(key.getShort(0)).isEqualTo((short) 8);
        assertThat(new ConsumerGroupCurrentMemberAssignmentKey(new ByteBufferAccessor(key.position(2)), (short) 0).memberId()).isEqualTo("m1");
        value = ByteBuffer.wrap(current.value()).position(2);
        ConsumerGroupCurrentMemberAssignmentValue assignment =
                new ConsumerGroupCurrentMemberAssignmentValue(new ByteBufferAccessor(value.duplicate()), (short) 0);
        assertThat(assignment.memberEpoch()).isEqualTo(5);
        assertThat(assignment.previousMemberEpoch()).isEqualTo(4);
        assertThat(assignment.state()).isEqualTo((byte) 1);
        assertThat(assignment.assignedPartitions().get(0).topicId()).isEqualTo(new Uuid(0x1234, 0x5678));
        assertThat(assignment.assignedPartitions().get(0).partitions()).containsExactly(0, 2);
        assertThat(assignment.partitionsPendingRevocation().get(0).partitions()).containsExactly(1);
        assertThat(rewrite(assignment)).isEqualTo(value.slice());

        OffsetsRecordBatch.KeyValue target = ConsumerGroupRecords.targetMember("g", "m1", member.assigned());
        key = ByteBuffer.wrap(target.key());
        assertThat(key.getShort(0)).isEqualTo((short) 7);
        assertThat(new ConsumerGroupTargetAssignmentMemberKey(new ByteBufferAccessor(key.position(2)), (short) 0).memberId()).isEqualTo("m1");
        value = ByteBuffer.wrap(target.value()).position(2);
        ConsumerGroupTargetAssignmentMemberValue kafkaTarget =
                new ConsumerGroupTargetAssignmentMemberValue(new ByteBufferAccessor(value.duplicate()), (short) 0);
        assertThat(kafkaTarget.topicPartitions().get(0).partitions()).containsExactly(0, 2);
        assertThat(rewrite(kafkaTarget)).isEqualTo(value.slice());
    }

    @Test
    void targetEpochRecordIsReadByKafka() {
        OffsetsRecordBatch.KeyValue record = ConsumerGroupRecords.targetEpoch("g", 3, 1_700_000_000_000L);
        assertThat(ByteBuffer.wrap(record.key()).getShort(0)).isEqualTo((short) 6);
        ConsumerGroupTargetAssignmentMetadataValue kafka = new ConsumerGroupTargetAssignmentMetadataValue(
                new ByteBufferAccessor(ByteBuffer.wrap(record.value()).position(2)), (short) 0);
        assertThat(kafka.assignmentEpoch()).isEqualTo(3);
    }

    @Test
    void weReadWhatKafkaWrites() {
        ConsumerGroupCurrentMemberAssignmentValue kafka = new ConsumerGroupCurrentMemberAssignmentValue()
                .setMemberEpoch(9).setPreviousMemberEpoch(8).setState((byte) 2)
                .setAssignedPartitions(List.of(new ConsumerGroupCurrentMemberAssignmentValue.TopicPartitions()
                        .setTopicId(new Uuid(0x1234, 0x5678)).setPartitions(List.of(3, 4))))
                .setPartitionsPendingRevocation(List.of());
        ByteBuffer body = rewrite(kafka);
        ByteBuffer value = ByteBuffer.allocate(2 + body.remaining()).putShort((short) 0).put(body).flip();
        ByteBuffer key = ByteBuffer.wrap(ConsumerGroupRecords.currentAssignment("g", new ConsumerGroupMember("m")).key());
        ConsumerGroupRecords.Decoded decoded = ConsumerGroupRecords.decode(key, value);
        assertThat(decoded.groupId()).isEqualTo("g");
        assertThat(decoded.memberId()).isEqualTo("m");
        assertThat(decoded.value().getInt("member_epoch")).isEqualTo(9);
        assertThat(ConsumerGroupRecords.partitions(decoded.value().getStructs("assigned_partitions")))
                .isEqualTo(ConsumerAssignment.of(Map.of(TOPIC, Set.of(3, 4))));
    }

    private static ByteBuffer rewrite(ApiMessage message) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer out = ByteBuffer.allocate(message.size(cache, (short) 0));
        message.write(new ByteBufferAccessor(out), cache, (short) 0);
        return out.flip();
    }
}
