package io.tributary.broker.txn;

import static io.tributary.protocol.types.Schema.array;
import static io.tributary.protocol.types.Schema.arrayOf;
import static io.tributary.protocol.types.Schema.field;
import static io.tributary.protocol.types.Schema.schema;
import static io.tributary.protocol.types.Types.INT16;
import static io.tributary.protocol.types.Types.INT32;
import static io.tributary.protocol.types.Types.INT64;
import static io.tributary.protocol.types.Types.INT8;
import static io.tributary.protocol.types.Types.STRING;

import io.tributary.common.TopicPartition;
import io.tributary.protocol.types.ByteBufferWriter;
import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.Schema;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records of {@code __transaction_state} in Kafka's format: key {@code int16 version (0), string
 * transactionalId} (TransactionLogKey), value {@code int16 version} then TransactionLogValue (version 0
 * written; version 1, flexible with tagged fields, read). A null value is a tombstone. Stateless.
 */
final class TxnLogRecords {

    static final short VALUE_VERSION = 0;

    static final Schema KEY_SCHEMA = schema(field("transactional_id", STRING));

    static final Schema VALUE_SCHEMA = schema(
            field("producer_id", INT64),
            field("previous_producer_id", INT64).since(1).tagged(0).defaultValue(-1L),
            field("next_producer_id", INT64).since(1).tagged(1).defaultValue(-1L),
            field("producer_epoch", INT16),
            field("next_producer_epoch", INT16).since(1).tagged(3).defaultValue((short) -1),
            field("transaction_timeout_ms", INT32),
            field("transaction_status", INT8),
            array("transaction_partitions",
                    field("topic", STRING),
                    arrayOf("partition_ids", INT32)).nullable(),
            field("transaction_last_update_timestamp_ms", INT64),
            field("transaction_start_timestamp_ms", INT64),
            field("client_transaction_version", INT16).since(1).tagged(2).defaultValue((short) 0));

    /** A decoded record; {@code value} null for a tombstone. */
    record Decoded(String transactionalId, TxnMetadata.Transition value) {
    }

    private TxnLogRecords() {
    }

    static byte[] key(String transactionalId) {
        Struct key = new Struct(KEY_SCHEMA).set("transactional_id", transactionalId);
        ByteBuffer buffer = ByteBuffer.allocate(2 + KEY_SCHEMA.sizeOf(key, (short) 0, false));
        buffer.putShort((short) 0);
        KEY_SCHEMA.write(new ByteBufferWriter(buffer), key, (short) 0, false);
        return buffer.array();
    }

    static byte[] value(TxnMetadata.Transition transition) {
        Struct value = new Struct(VALUE_SCHEMA)
                .set("producer_id", transition.producerId())
                .set("producer_epoch", transition.producerEpoch())
                .set("transaction_timeout_ms", transition.timeoutMs())
                .set("transaction_status", transition.state().code)
                .set("transaction_last_update_timestamp_ms", transition.updateTimestamp())
                .set("transaction_start_timestamp_ms", transition.txnStartTimestamp());
        Map<String, List<Integer>> byTopic = new java.util.TreeMap<>(); // sorted: the same state, the same bytes
        for (TopicPartition tp : transition.partitions()) {
            byTopic.computeIfAbsent(tp.topic(), t -> new java.util.ArrayList<>()).add(tp.partition());
        }
        byTopic.values().forEach(partitions -> partitions.sort(null));
        value.set("transaction_partitions", new java.util.ArrayList<>());
        byTopic.forEach((topic, partitions) -> value.addChild("transaction_partitions").set("topic", topic)
                .set("partition_ids", partitions));
        ByteBuffer buffer = ByteBuffer.allocate(2 + VALUE_SCHEMA.sizeOf(value, VALUE_VERSION, false));
        buffer.putShort(VALUE_VERSION);
        VALUE_SCHEMA.write(new ByteBufferWriter(buffer), value, VALUE_VERSION, false);
        return buffer.array();
    }

    /** The record, or null when its key is not a transaction log key. */
    static Decoded decode(ByteBuffer key, ByteBuffer value) {
        ProtocolReader keyReader = new ProtocolReader(key.duplicate());
        if (keyReader.readShort() != 0) {
            return null;
        }
        String transactionalId = KEY_SCHEMA.read(keyReader, (short) 0, false).getString("transactional_id");
        if (value == null) {
            return new Decoded(transactionalId, null);
        }
        ProtocolReader reader = new ProtocolReader(value.duplicate());
        short version = reader.readShort();
        if (version < 0 || version > 1) {
            throw new IllegalStateException("Unknown __transaction_state value version " + version);
        }
        Struct v = VALUE_SCHEMA.read(reader, version, version >= 1);
        Set<TopicPartition> partitions = new LinkedHashSet<>();
        List<Struct> topics = v.getStructs("transaction_partitions");
        if (topics != null) {
            for (Struct topic : topics) {
                for (Object partition : topic.getList("partition_ids")) {
                    partitions.add(new TopicPartition(topic.getString("topic"), (Integer) partition));
                }
            }
        }
        return new Decoded(transactionalId, new TxnMetadata.Transition(v.getLong("producer_id"),
                v.getShort("producer_epoch"), v.getInt("transaction_timeout_ms"),
                TxnState.forCode(v.getByte("transaction_status")), partitions,
                v.getLong("transaction_start_timestamp_ms"), v.getLong("transaction_last_update_timestamp_ms")));
    }
}
