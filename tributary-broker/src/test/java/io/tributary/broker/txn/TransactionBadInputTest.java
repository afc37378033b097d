package io.tributary.broker.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.replica.BlockingChannel;
import io.tributary.broker.server.Broker;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.compress.CompressionType;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad transactional input, sent as raw requests: each gets Kafka's error code, nothing is appended to any
 * log, the producer's other partitions keep working, and the coordinator's state (DescribeTransactions)
 * is what it was. Also what OffsetFetch shows of offsets an open transaction commits.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TransactionBadInputTest {

    private static final String TXN_ID = "careful-writer";

    @TempDir
    Path dir;

    private Broker broker;
    private BlockingChannel channel;

    @BeforeEach
    void start() throws Exception {
        broker = new Broker(new BrokerConfig(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0", "embedded.zookeeper.port", "0",
                "admin.listeners", "http://127.0.0.1:0",
                "log.dirs", dir.resolve("logs").toString(),
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "1",
                "transaction.state.log.num.partitions", "1",
                "group.initial.rebalance.delay.ms", "0",
                "group.min.session.timeout.ms", "1000")), Time.SYSTEM).start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("ledger", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        String[] hostPort = broker.bootstrapServers().split(":");
        channel = new BlockingChannel(hostPort[0], Integer.parseInt(hostPort[1]), 10_000, "bad-input-test");
        awaitCoordinator();
    }

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void endTxnWithoutAddedPartitionsIsAnInvalidTransactionState() throws Exception {
        Struct ids = initProducerId();
        long stateEnd = logEnd("__transaction_state", 0);
        Struct end = call(ApiKey.END_TXN, 3, MessageCodec.newRequest(ApiKey.END_TXN).set("transactional_id", TXN_ID)
                .set("producer_id", ids.getLong("producer_id")).set("producer_epoch", ids.getShort("producer_epoch"))
                .set("committed", true));
        assertThat(Errors.forCode(end.getShort("error_code"))).isEqualTo(Errors.INVALID_TXN_STATE);
        assertThat(logEnd("__transaction_state", 0)).isEqualTo(stateEnd);
        assertThat(describedState()).isEqualTo("Empty");
    }

    @Test
    void sequenceGapAndFencedEpochAreRefusedAndTheProducersOtherPartitionKeepsWorking() throws Exception {
        Struct ids = initProducerId();
        long producerId = ids.getLong("producer_id");
        short epoch = ids.getShort("producer_epoch");
        assertThat(addPartitions(producerId, epoch, 0, 1)).isEqualTo(Errors.NONE);
        assertThat(produce(0, producerId, epoch, 0)).isEqualTo(Errors.NONE);
        long end0 = logEnd("ledger", 0);

        assertThat(produce(0, producerId, epoch, 7)).as("sequence gap").isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(produce(0, producerId, (short) (epoch - 1), 1)).as("older epoch")
                .isEqualTo(Errors.INVALID_PRODUCER_EPOCH);
        assertThat(logEnd("ledger", 0)).isEqualTo(end0);
        assertThat(describedState()).isEqualTo("Ongoing");

        assertThat(produce(1, producerId, epoch, 0)).as("the other partition").isEqualTo(Errors.NONE);
        assertThat(produce(0, producerId, epoch, 1)).as("the right next sequence").isEqualTo(Errors.NONE);
        assertThat(endTxn(producerId, epoch, true)).isEqualTo(Errors.NONE);
    }

    @Test
    void requestsOfAFencedEpochGetProducerFencedAndLeaveTheNewEpochsTransactionAlone() throws Exception {
        Struct first = initProducerId();
        Struct second = initProducerId();
        long producerId = second.getLong("producer_id");
        short current = second.getShort("producer_epoch");
        assertThat(current).isEqualTo((short) (first.getShort("producer_epoch") + 1));
        assertThat(addPartitions(producerId, current, 0)).isEqualTo(Errors.NONE);
        long stateEnd = logEnd("__transaction_state", 0);

        assertThat(addPartitions(producerId, first.getShort("producer_epoch"), 1)).isEqualTo(Errors.PRODUCER_FENCED);
        assertThat(endTxn(producerId, first.getShort("producer_epoch"), false)).isEqualTo(Errors.PRODUCER_FENCED);
        assertThat(addPartitions(producerId + 1000, current, 1)).isEqualTo(Errors.INVALID_PRODUCER_ID_MAPPING);
        assertThat(logEnd("__transaction_state", 0)).isEqualTo(stateEnd);
        assertThat(describedState()).isEqualTo("Ongoing");
        assertThat(endTxn(producerId, current, false)).isEqualTo(Errors.NONE);
    }

    @Test
    void txnOffsetCommitOfAnUnknownGenerationIsIllegalGenerationAndWritesNothing() throws Exception {
        Struct ids = initProducerId();
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.put("group.id", "strict-group");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of("ledger"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100));
            }
            ConsumerGroupMetadata group = consumer.groupMetadata();
            Struct add = call(ApiKey.ADD_OFFSETS_TO_TXN, 3, MessageCodec.newRequest(ApiKey.ADD_OFFSETS_TO_TXN)
                    .set("transactional_id", TXN_ID).set("producer_id", ids.getLong("producer_id"))
                    .set("producer_epoch", ids.getShort("producer_epoch")).set("group_id", "strict-group"));
            assertThat(Errors.forCode(add.getShort("error_code"))).isEqualTo(Errors.NONE);
            long offsetsEnd = logEnd("__consumer_offsets", 0);

            Errors wrongGeneration = txnOffsetCommit(ids, group.memberId(), group.generationId() + 1);
            Errors unknownMember = txnOffsetCommit(ids, "nobody", group.generationId());
            assertThat(wrongGeneration).isEqualTo(Errors.ILLEGAL_GENERATION);
            assertThat(unknownMember).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
            assertThat(logEnd("__consumer_offsets", 0)).isEqualTo(offsetsEnd);
            assertThat(describedState()).isEqualTo("Ongoing");
            assertThat(txnOffsetCommit(ids, group.memberId(), group.generationId())).isEqualTo(Errors.NONE);
        }
    }

    @Test
    void offsetsOfAnOpenTransactionAreUnstableForRequireStableAndVisibleOnlyAfterTheCommit() throws Exception {
        awaitCoordinator((byte) 0, "strict-group");
        Struct ids = initProducerId();
        Struct add = call(ApiKey.ADD_OFFSETS_TO_TXN, 3, MessageCodec.newRequest(ApiKey.ADD_OFFSETS_TO_TXN)
                .set("transactional_id", TXN_ID).set("producer_id", ids.getLong("producer_id"))
                .set("producer_epoch", ids.getShort("producer_epoch")).set("group_id", "strict-group"));
        assertThat(Errors.forCode(add.getShort("error_code"))).isEqualTo(Errors.NONE);
        assertThat(txnOffsetCommit(ids, "", -1)).isEqualTo(Errors.NONE);
        assertThat(fetchOffset(true)).isEqualTo(Errors.UNSTABLE_OFFSET_COMMIT.code());
        assertThat(fetchOffset(false)).as("no offset committed yet").isEqualTo(-1L);
        assertThat(endTxn(ids.getLong("producer_id"), ids.getShort("producer_epoch"), true)).isEqualTo(Errors.NONE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fetchOffset(true) != 1L && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(fetchOffset(true)).isEqualTo(1L);
    }

    @Test
    void aFencedProducersTxnOffsetCommitIsRefusedAndItsOffsetsNeverCommit() throws Exception {
        awaitCoordinator((byte) 0, "strict-group");
        Struct zombie = initProducerId();
        assertThat(addOffsets(zombie)).isEqualTo(Errors.NONE);
        assertThat(txnOffsetCommit(zombie, "", -1, 1L)).isEqualTo(Errors.NONE);
        Struct successor = initProducerId(); // aborts the zombie's transaction with a bumped epoch, then bumps again
        assertThat(successor.getShort("producer_epoch")).isGreaterThan(zombie.getShort("producer_epoch"));
        long offsetsEnd = logEnd("__consumer_offsets", 0);
        assertThat(txnOffsetCommit(zombie, "", -1, 3L)).isEqualTo(Errors.INVALID_PRODUCER_EPOCH);
        assertThat(logEnd("__consumer_offsets", 0)).isEqualTo(offsetsEnd);

        assertThat(addOffsets(successor)).isEqualTo(Errors.NONE);
        assertThat(txnOffsetCommit(successor, "", -1, 7L)).isEqualTo(Errors.NONE);
        assertThat(endTxn(successor.getLong("producer_id"), successor.getShort("producer_epoch"), true))
                .isEqualTo(Errors.NONE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fetchOffset(true) != 7L && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(fetchOffset(true)).isEqualTo(7L);
    }

    private Errors addOffsets(Struct ids) throws Exception {
        Struct add = call(ApiKey.ADD_OFFSETS_TO_TXN, 3, MessageCodec.newRequest(ApiKey.ADD_OFFSETS_TO_TXN)
                .set("transactional_id", TXN_ID).set("producer_id", ids.getLong("producer_id"))
                .set("producer_epoch", ids.getShort("producer_epoch")).set("group_id", "strict-group"));
        return Errors.forCode(add.getShort("error_code"));
    }

    /** OffsetFetch v7 of strict-group / ledger-0: the offset, or the error code when there is one. */
    private long fetchOffset(boolean requireStable) throws Exception {
        Struct request = MessageCodec.newRequest(ApiKey.OFFSET_FETCH).set("group_id", "strict-group")
                .set("require_stable", requireStable);
        request.addChild("topics").set("name", "ledger").set("partition_indexes", List.of(0));
        Struct partition = call(ApiKey.OFFSET_FETCH, 7, request).getStructs("topics").get(0).getStructs("partitions")
                .get(0);
        short error = partition.getShort("error_code");
        return error != 0 ? error : partition.getLong("committed_offset");
    }

    @Test
    void markersForAPartitionNotHostedHereAreRefusedWithNothingWritten() throws Exception {
        long end0 = logEnd("ledger", 0);
        Struct request = MessageCodec.newRequest(ApiKey.WRITE_TXN_MARKERS);
        Struct marker = request.addChild("markers").set("producer_id", 4242L).set("producer_epoch", (short) 0)
                .set("transaction_result", true).set("coordinator_epoch", 0);
        marker.addChild("topics").set("name", "no-such-topic").set("partition_indexes", List.of(0));
        Struct response = call(ApiKey.WRITE_TXN_MARKERS, 1, request);
        Struct result = response.getStructs("markers").get(0).getStructs("topics").get(0).getStructs("partitions").get(0);
        assertThat(Errors.forCode(result.getShort("error_code"))).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(logEnd("ledger", 0)).isEqualTo(end0);
    }

    // ---- raw requests ----

    private Struct call(ApiKey api, int version, Struct request) throws Exception {
        return channel.call(api, (short) version, request);
    }

    private void awaitCoordinator() throws Exception {
        awaitCoordinator((byte) 1, TXN_ID);
    }

    private void awaitCoordinator(byte keyType, String key) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Struct response = call(ApiKey.FIND_COORDINATOR, 3, MessageCodec.newRequest(ApiKey.FIND_COORDINATOR)
                    .set("key", key).set("key_type", keyType));
            if (response.getShort("error_code") == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no transaction coordinator within 30 s");
    }

    private Struct initProducerId() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            Struct response = call(ApiKey.INIT_PRODUCER_ID, 4, MessageCodec.newRequest(ApiKey.INIT_PRODUCER_ID)
                    .set("transactional_id", TXN_ID).set("transaction_timeout_ms", 60_000));
            Errors error = Errors.forCode(response.getShort("error_code"));
            if (error == Errors.NONE) {
                return response;
            }
            assertThat(error.isRetriable() && System.nanoTime() < deadline).as(error.toString()).isTrue();
            Thread.sleep(100);
        }
    }

    private Errors addPartitions(long producerId, short epoch, int... partitions) throws Exception {
        Struct request = MessageCodec.newRequest(ApiKey.ADD_PARTITIONS_TO_TXN)
                .set("v3_and_below_transactional_id", TXN_ID).set("v3_and_below_producer_id", producerId)
                .set("v3_and_below_producer_epoch", epoch);
        request.addChild("v3_and_below_topics").set("name", "ledger")
                .set("partitions", java.util.Arrays.stream(partitions).boxed().toList());
        Struct response = call(ApiKey.ADD_PARTITIONS_TO_TXN, 3, request);
        return Errors.forCode(response.getStructs("results_by_topic_v3_and_below").get(0)
                .getStructs("results_by_partition").get(0).getShort("partition_error_code"));
    }

    private Errors endTxn(long producerId, short epoch, boolean commit) throws Exception {
        Struct response = call(ApiKey.END_TXN, 3, MessageCodec.newRequest(ApiKey.END_TXN).set("transactional_id", TXN_ID)
                .set("producer_id", producerId).set("producer_epoch", epoch).set("committed", commit));
        return Errors.forCode(response.getShort("error_code"));
    }

    private Errors produce(int partition, long producerId, short epoch, int sequence) throws Exception {
        ByteBuffer batch = new RecordBatchBuilder(CompressionType.NONE).producer(producerId, epoch, sequence)
                .transactional(true)
                .append(System.currentTimeMillis(), "k".getBytes(StandardCharsets.UTF_8),
                        ("v" + sequence).getBytes(StandardCharsets.UTF_8))
                .build();
        Struct request = MessageCodec.newRequest(ApiKey.PRODUCE).set("transactional_id", TXN_ID)
                .set("acks", (short) -1).set("timeout_ms", 10_000);
        request.addChild("topic_data").set("name", "ledger").addChild("partition_data").set("index", partition)
                .set("records", batch);
        Struct response = call(ApiKey.PRODUCE, 9, request);
        return Errors.forCode(response.getStructs("responses").get(0).getStructs("partition_responses").get(0)
                .getShort("error_code"));
    }

    private Errors txnOffsetCommit(Struct ids, String memberId, int generation) throws Exception {
        return txnOffsetCommit(ids, memberId, generation, 1L);
    }

    private Errors txnOffsetCommit(Struct ids, String memberId, int generation, long offset) throws Exception {
        Struct request = MessageCodec.newRequest(ApiKey.TXN_OFFSET_COMMIT).set("transactional_id", TXN_ID)
                .set("group_id", "strict-group").set("producer_id", ids.getLong("producer_id"))
                .set("producer_epoch", ids.getShort("producer_epoch")).set("generation_id", generation)
                .set("member_id", memberId);
        request.addChild("topics").set("name", "ledger").addChild("partitions").set("partition_index", 0)
                .set("committed_offset", offset).set("committed_metadata", "");
        Struct response = call(ApiKey.TXN_OFFSET_COMMIT, 3, request);
        return Errors.forCode(response.getStructs("topics").get(0).getStructs("partitions").get(0)
                .getShort("error_code"));
    }

    private String describedState() throws Exception {
        Struct response = call(ApiKey.DESCRIBE_TRANSACTIONS, 0, MessageCodec.newRequest(ApiKey.DESCRIBE_TRANSACTIONS)
                .set("transactional_ids", List.of(TXN_ID)));
        Struct state = response.getStructs("transaction_states").get(0);
        assertThat(Errors.forCode(state.getShort("error_code"))).isEqualTo(Errors.NONE);
        return state.getString("transaction_state");
    }

    private long logEnd(String topic, int partition) {
        return broker.replicaManager().partition(new TopicPartition(topic, partition)).logEndOffset();
    }
}
