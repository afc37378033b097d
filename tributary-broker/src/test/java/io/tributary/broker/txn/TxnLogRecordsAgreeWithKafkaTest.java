package io.tributary.broker.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.TopicPartition;
import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.coordinator.transaction.generated.TransactionLogKey;
import org.apache.kafka.coordinator.transaction.generated.TransactionLogValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our {@code __transaction_state} records are Kafka's: Kafka's generated TransactionLogKey / TransactionLogValue
 * read what we write, and we read what Kafka 4.2 writes (value version 1, flexible, with tagged fields).
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TxnLogRecordsAgreeWithKafkaTest {

    private static final Set<TopicPartition> PARTITIONS = new LinkedHashSet<>(List.of(
            new TopicPartition("orders", 0), new TopicPartition("orders", 2), new TopicPartition("__consumer_offsets", 7)));

    @Test
    void kafkaReadsOurKeyAndValue() {
        ByteBuffer key = ByteBuffer.wrap(TxnLogRecords.key("payments-writer"));
        assertThat(key.getShort(0)).isZero();
        TransactionLogKey kafkaKey = new TransactionLogKey(new ByteBufferAccessor(key.duplicate().position(2)), (short) 0);
        assertThat(kafkaKey.transactionalId()).isEqualTo("payments-writer");

        TxnMetadata.Transition ours = new TxnMetadata.Transition(4242L, (short) 7, 60_000, TxnState.PREPARE_COMMIT,
                PARTITIONS, 1_700_000_000_000L, 1_700_000_000_500L);
        ByteBuffer value = ByteBuffer.wrap(TxnLogRecords.value(ours));
        short version = value.getShort(0);
        TransactionLogValue kafka = new TransactionLogValue(new ByteBufferAccessor(value.duplicate().position(2)), version);
        assertThat(kafka.producerId()).isEqualTo(4242L);
        assertThat(kafka.producerEpoch()).isEqualTo((short) 7);
        assertThat(kafka.transactionTimeoutMs()).isEqualTo(60_000);
        assertThat(kafka.transactionStatus()).isEqualTo((byte) 2);
        assertThat(kafka.transactionStartTimestampMs()).isEqualTo(1_700_000_000_000L);
        assertThat(kafka.transactionLastUpdateTimestampMs()).isEqualTo(1_700_000_000_500L);
        assertThat(kafka.transactionPartitions()).hasSize(2);
        assertThat(kafka.transactionPartitions()).extracting(TransactionLogValue.PartitionsSchema::topic)
                .containsExactly("__consumer_offsets", "orders");
        assertThat(kafka.transactionPartitions().get(1).partitionIds()).containsExactly(0, 2);
        assertThat(bytes(kafka, version)).as("Kafka writes it back identically").isEqualTo(rest(value));
    }

    @Test
    void weReadKafkasFlexibleVersionOne() {
        TransactionLogValue kafka = new TransactionLogValue()
                .setProducerId(99L).setProducerEpoch((short) 3).setTransactionTimeoutMs(30_000)
                .setTransactionStatus((byte) 1).setTransactionLastUpdateTimestampMs(20L)
                .setTransactionStartTimestampMs(10L).setPreviousProducerId(98L).setNextProducerId(100L)
                .setClientTransactionVersion((short) 2)
                .setTransactionPartitions(List.of(new TransactionLogValue.PartitionsSchema().setTopic("t")
                        .setPartitionIds(List.of(1, 3))));
        ByteBuffer kafkaBytes = bytes(kafka, (short) 1);
        ByteBuffer value = ByteBuffer.allocate(2 + kafkaBytes.remaining()).putShort((short) 1).put(kafkaBytes).flip();
        TxnLogRecords.Decoded decoded = TxnLogRecords.decode(ByteBuffer.wrap(TxnLogRecords.key("x")), value);
        assertThat(decoded.transactionalId()).isEqualTo("x");
        assertThat(decoded.value().producerId()).isEqualTo(99L);
        assertThat(decoded.value().producerEpoch()).isEqualTo((short) 3);
        assertThat(decoded.value().state()).isEqualTo(TxnState.ONGOING);
        assertThat(decoded.value().partitions()).containsExactlyInAnyOrder(new TopicPartition("t", 1),
                new TopicPartition("t", 3));
        assertThat(decoded.value().txnStartTimestamp()).isEqualTo(10L);
    }

    @Test
    void aNullValueIsATombstone() {
        TxnLogRecords.Decoded decoded = TxnLogRecords.decode(ByteBuffer.wrap(TxnLogRecords.key("gone")), null);
        assertThat(decoded.value()).isNull();
    }

    private static ByteBuffer bytes(ApiMessage message, short version) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer buffer = ByteBuffer.allocate(message.size(cache, version));
        message.write(new ByteBufferAccessor(buffer), cache, version);
        return buffer.flip();
    }

    private static ByteBuffer rest(ByteBuffer value) {
        return value.duplicate().position(2).slice();
    }
}
