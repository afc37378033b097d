package io.tributary.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.compress.CompressionType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our batch reader and builder against kafka-clients' own, for every codec, in both directions. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KafkaInteropTest {

    private static final long BASE_TS = 1_700_000_000_000L;

    private static org.apache.kafka.common.record.CompressionType kafkaType(CompressionType type) {
        return org.apache.kafka.common.record.CompressionType.forId(type.id);
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void shouldReadEveryFieldOfABatchBuiltByKafkaClients(CompressionType type) {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        MemoryRecordsBuilder builder = MemoryRecords.builder(buffer, (byte) 2,
                Compression.of(kafkaType(type)).build(), org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                100L, -1L, 4242L, (short) 7, 33, false, 5);
        for (int i = 0; i < 50; i++) {
            String key = i % 10 == 0 ? null : "key-" + i;
            String value = i % 7 == 0 ? null : "value-" + i + "-".repeat(i);
            builder.append(BASE_TS + i * 3, bytes(key), bytes(value),
                    new org.apache.kafka.common.header.Header[] {new RecordHeader("h" + i, bytes("hv" + i)),
                        new RecordHeader("nullValue", (byte[]) null)});
        }
        MemoryRecords kafka = builder.build();

        List<RecordBatch> batches = RecordBatches.of(kafka.buffer().duplicate()).toList();
        assertThat(batches).hasSize(1);
        RecordBatch batch = batches.get(0);
        org.apache.kafka.common.record.RecordBatch expected = kafka.batches().iterator().next();
        assertThat(batch.isValid()).isTrue();
        assertThat(batch.crc()).isEqualTo(expected.checksum());
        assertThat(batch.baseOffset()).isEqualTo(100L);
        assertThat(batch.lastOffset()).isEqualTo(149L);
        assertThat(batch.lastOffsetDelta()).isEqualTo(49);
        assertThat(batch.sizeInBytes()).isEqualTo(expected.sizeInBytes());
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(5);
        assertThat(batch.magic()).isEqualTo((byte) 2);
        assertThat(batch.compressionType()).isEqualTo(type);
        assertThat(batch.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
        assertThat(batch.isTransactional()).isFalse();
        assertThat(batch.isControl()).isFalse();
        assertThat(batch.baseTimestamp()).isEqualTo(BASE_TS);
        assertThat(batch.maxTimestamp()).isEqualTo(BASE_TS + 49 * 3);
        assertThat(batch.producerId()).isEqualTo(4242L);
        assertThat(batch.producerEpoch()).isEqualTo((short) 7);
        assertThat(batch.baseSequence()).isEqualTo(33);
        assertThat(batch.lastSequence()).isEqualTo(expected.lastSequence());
        assertThat(batch.recordCount()).isEqualTo(50);

        List<Record> ours = batch.records();
        List<org.apache.kafka.common.record.Record> theirs = new ArrayList<>();
        expected.forEach(theirs::add);
        assertThat(ours).hasSize(theirs.size());
        for (int i = 0; i < ours.size(); i++) {
            Record r = ours.get(i);
            org.apache.kafka.common.record.Record k = theirs.get(i);
            assertThat(r.offset()).isEqualTo(k.offset());
            assertThat(r.timestamp()).isEqualTo(k.timestamp());
            assertThat(r.key()).isEqualTo(k.key());
            assertThat(r.value()).isEqualTo(k.value());
            assertThat(r.headers()).hasSize(k.headers().length);
            for (int h = 0; h < k.headers().length; h++) {
                assertThat(r.headers().get(h).key()).isEqualTo(k.headers()[h].key());
                assertThat(r.headers().get(h).value()).isEqualTo(k.headers()[h].value());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void shouldBuildBatchesKafkaClientsReadBack(CompressionType type) {
        RecordBatchBuilder builder = new RecordBatchBuilder(type).baseOffset(0)
                .producer(77L, (short) 2, Integer.MAX_VALUE - 3).transactional(true).partitionLeaderEpoch(9);
        for (int i = 0; i < 40; i++) {
            builder.append(BASE_TS + 40 - i, i % 5 == 0 ? null : bytes("k" + i), i % 9 == 0 ? null : bytes("v" + i),
                    new Header("trace", bytes("t" + i)));
        }
        ByteBuffer built = builder.build();

        MemoryRecords kafka = MemoryRecords.readableRecords(built.duplicate());
        List<org.apache.kafka.common.record.MutableRecordBatch> batches = new ArrayList<>();
        kafka.batches().forEach(batches::add);
        assertThat(batches).hasSize(1);
        org.apache.kafka.common.record.RecordBatch batch = batches.get(0);
        batch.ensureValid();
        assertThat(batch.isValid()).isTrue();
        assertThat((int) batch.compressionType().id).isEqualTo(type.id);
        assertThat(batch.producerId()).isEqualTo(77L);
        assertThat(batch.producerEpoch()).isEqualTo((short) 2);
        assertThat(batch.baseSequence()).isEqualTo(Integer.MAX_VALUE - 3);
        assertThat(batch.lastSequence()).isEqualTo(35);
        assertThat(new RecordBatch(built, 0).lastSequence()).isEqualTo(35);
        assertThat(batch.isTransactional()).isTrue();
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(9);
        assertThat(batch.maxTimestamp()).isEqualTo(BASE_TS + 40);
        assertThat(batch.lastOffset()).isEqualTo(39);
        int i = 0;
        for (org.apache.kafka.common.record.Record record : batch) {
            assertThat(record.offset()).isEqualTo(i);
            assertThat(record.timestamp()).isEqualTo(BASE_TS + 40 - i);
            assertThat(record.key()).isEqualTo(i % 5 == 0 ? null : ByteBuffer.wrap(bytes("k" + i)));
            assertThat(record.value()).isEqualTo(i % 9 == 0 ? null : ByteBuffer.wrap(bytes("v" + i)));
            assertThat(record.headers()).hasSize(1);
            assertThat(record.headers()[0].key()).isEqualTo("trace");
            assertThat(record.headers()[0].value()).isEqualTo(bytes("t" + i));
            i++;
        }
        assertThat(i).isEqualTo(40);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void shouldStampLogAppendTimeThatKafkaClientsAccept(CompressionType type) {
        ByteBuffer built = new RecordBatchBuilder(type).append(BASE_TS, bytes("k"), bytes("v")).build();
        RecordBatch ours = new RecordBatch(built, 0);
        ours.setBaseOffset(1234L);
        ours.setPartitionLeaderEpoch(3);
        assertThat(ours.isValid()).isTrue();
        ours.setLogAppendTime(BASE_TS + 999);

        org.apache.kafka.common.record.RecordBatch kafka =
                MemoryRecords.readableRecords(built.duplicate()).batches().iterator().next();
        kafka.ensureValid();
        assertThat(kafka.baseOffset()).isEqualTo(1234L);
        assertThat(kafka.partitionLeaderEpoch()).isEqualTo(3);
        assertThat(kafka.timestampType()).isEqualTo(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME);
        assertThat(kafka.iterator().next().timestamp()).isEqualTo(BASE_TS + 999);
        assertThat(ours.records().get(0).timestamp()).isEqualTo(BASE_TS + 999);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void shouldDetectEveryCorruptedByteInsideTheCrcRange(CompressionType type) {
        ByteBuffer built = new RecordBatchBuilder(type).append(BASE_TS, bytes("key"), bytes("value")).build();
        RecordBatch batch = new RecordBatch(built, 0);
        assertThat(batch.isValid()).isTrue();
        for (int position = RecordBatch.ATTRIBUTES; position < built.limit(); position++) {
            byte original = built.get(position);
            built.put(position, (byte) (original ^ 0x40));
            assertThat(batch.isValid()).as("flipped byte %d", position).isFalse();
            built.put(position, original);
        }
        assertThat(batch.isValid()).isTrue();
    }
}
