package io.tributary.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.TopicPartition;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.coordinator.group.generated.GroupMetadataKey;
import org.apache.kafka.coordinator.group.generated.GroupMetadataValue;
import org.apache.kafka.coordinator.group.generated.OffsetCommitKey;
import org.apache.kafka.coordinator.group.generated.OffsetCommitValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our {@code __consumer_offsets} records are Kafka's: Kafka's generated record classes read our keys
 * and values and write them back identically, and kafka-clients validates our batches.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OffsetsRecordsAgreeWithKafkaTest {

    @Test
    void offsetCommitRecordsMatchKafkasSchemas() {
        OffsetsRecordBatch.KeyValue record = OffsetsRecords.offsetCommit("group-1", new TopicPartition("orders", 7),
                new CommittedOffset(1234L, 5, "meta", 1_700_000_000_000L));
        ByteBuffer key = ByteBuffer.wrap(record.key());
        assertThat(key.getShort(0)).isEqualTo((short) 1);
        OffsetCommitKey kafkaKey = new OffsetCommitKey(new ByteBufferAccessor(key.duplicate().position(2)), (short) 0);
        assertThat(kafkaKey.group()).isEqualTo("group-1");
        assertThat(kafkaKey.topic()).isEqualTo("orders");
        assertThat(kafkaKey.partition()).isEqualTo(7);
        assertThat(rewrite(kafkaKey, (short) 0)).isEqualTo(key.duplicate().position(2).slice());

        ByteBuffer value = ByteBuffer.wrap(record.value());
        short version = value.getShort(0);
        assertThat(version).isEqualTo((short) 3);
        OffsetCommitValue kafkaValue = new OffsetCommitValue(new ByteBufferAccessor(value.duplicate().position(2)), version);
        assertThat(kafkaValue.offset()).isEqualTo(1234L);
        assertThat(kafkaValue.leaderEpoch()).isEqualTo(5);
        assertThat(kafkaValue.metadata()).isEqualTo("meta");
        assertThat(kafkaValue.commitTimestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(rewrite(kafkaValue, version)).isEqualTo(value.duplicate().position(2).slice());
    }

    @Test
    void weReadEveryOffsetCommitValueVersionKafkaWrites() {
        for (short version = 0; version <= 4; version++) {
            OffsetCommitValue kafkaValue = new OffsetCommitValue().setOffset(99L).setMetadata("x").setCommitTimestamp(77L)
                    .setLeaderEpoch(version >= 3 ? 4 : -1).setExpireTimestamp(version == 1 ? 123L : -1L);
            ByteBuffer value = withVersion(kafkaValue, version);
            ByteBuffer key = withVersion(new OffsetCommitKey().setGroup("g").setTopic("t").setPartition(1), (short) 1);
            OffsetsRecords.OffsetRecord decoded = (OffsetsRecords.OffsetRecord) OffsetsRecords.decode(key, value);
            assertThat(decoded.offset().offset()).as("v%d", version).isEqualTo(99L);
            assertThat(decoded.offset().leaderEpoch()).isEqualTo(version >= 3 ? 4 : -1);
            assertThat(decoded.offset().commitTimestampMs()).isEqualTo(77L);
        }
    }

    @Test
    void groupMetadataRecordsMatchKafkasSchemas() {
        Struct ours = OffsetsRecords.newGroupMetadataValue()
                .set("protocol_type", "consumer").set("generation", 3).set("protocol", "range").set("leader", "m-1")
                .set("current_state_timestamp", 42L);
        ours.addChild("members").set("member_id", "m-1").set("group_instance_id", "i-1").set("client_id", "c")
                .set("client_host", "/127.0.0.1").set("rebalance_timeout", 300000).set("session_timeout", 45000)
                .set("subscription", ByteBuffer.wrap(new byte[] {1, 2})).set("assignment", ByteBuffer.wrap(new byte[] {3}));
        OffsetsRecordBatch.KeyValue record = OffsetsRecords.groupMetadata("group-1", ours);
        ByteBuffer key = ByteBuffer.wrap(record.key());
        assertThat(key.getShort(0)).isEqualTo((short) 2);
        GroupMetadataKey kafkaKey = new GroupMetadataKey(new ByteBufferAccessor(key.duplicate().position(2)), (short) 0);
        assertThat(kafkaKey.group()).isEqualTo("group-1");

        ByteBuffer value = ByteBuffer.wrap(record.value());
        short version = value.getShort(0);
        assertThat(version).isEqualTo((short) 3);
        GroupMetadataValue kafkaValue = new GroupMetadataValue(new ByteBufferAccessor(value.duplicate().position(2)), version);
        assertThat(kafkaValue.generation()).isEqualTo(3);
        assertThat(kafkaValue.leader()).isEqualTo("m-1");
        assertThat(kafkaValue.members().get(0).groupInstanceId()).isEqualTo("i-1");
        assertThat(kafkaValue.members().get(0).sessionTimeout()).isEqualTo(45000);
        assertThat(rewrite(kafkaValue, version)).isEqualTo(value.duplicate().position(2).slice());

        ByteBuffer flexible = withVersion(kafkaValue, (short) 4);
        OffsetsRecords.GroupRecord decoded = (OffsetsRecords.GroupRecord) OffsetsRecords.decode(key, flexible);
        assertThat(decoded.value().getStructs("members").get(0).getString("client_host")).isEqualTo("/127.0.0.1");
    }

    @Test
    void batchesAreValidForKafkaClientsIncludingTombstones() {
        List<OffsetsRecordBatch.KeyValue> records = List.of(
                OffsetsRecords.offsetCommit("g", new TopicPartition("t", 0), new CommittedOffset(1L, -1, "", 5L)),
                OffsetsRecords.offsetCommit("g", new TopicPartition("t", 1), null),
                OffsetsRecords.groupMetadata("g", null));
        ByteBuffer batch = OffsetsRecordBatch.build(1_700_000_000_000L, records);

        List<RecordBatch> batches = new ArrayList<>();
        MemoryRecords.readableRecords(batch.duplicate()).batches().forEach(batches::add);
        assertThat(batches).hasSize(1);
        batches.get(0).ensureValid();
        assertThat(batches.get(0).magic()).isEqualTo((byte) 2);
        List<Record> kafkaRecords = new ArrayList<>();
        batches.get(0).forEach(kafkaRecords::add);
        assertThat(kafkaRecords).hasSize(3);
        assertThat(kafkaRecords.get(0).key()).isEqualTo(ByteBuffer.wrap(records.get(0).key()));
        assertThat(kafkaRecords.get(0).value()).isEqualTo(ByteBuffer.wrap(records.get(0).value()));
        assertThat(kafkaRecords.get(1).hasValue()).isFalse();
        assertThat(kafkaRecords.get(2).offset()).isEqualTo(2L);

        List<OffsetsRecords.Decoded> ours = new ArrayList<>();
        OffsetsRecordBatch.forEachRecord(batch, (key, value) -> ours.add(OffsetsRecords.decode(key, value)));
        assertThat(ours).hasSize(3);
        assertThat(((OffsetsRecords.OffsetRecord) ours.get(1)).offset()).isNull();
        assertThat(((OffsetsRecords.GroupRecord) ours.get(2)).value()).isNull();
    }

    private static ByteBuffer rewrite(ApiMessage message, short version) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer out = ByteBuffer.allocate(message.size(cache, version));
        message.write(new ByteBufferAccessor(out), cache, version);
        return out.flip();
    }

    private static ByteBuffer withVersion(ApiMessage message, short version) {
        ByteBuffer body = rewrite(message, version);
        return ByteBuffer.allocate(2 + body.remaining()).putShort(version).put(body).flip();
    }
}
