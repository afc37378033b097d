package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.replica.BlockingChannel;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.compress.CompressionType;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.protocol.types.Struct;
import io.tributary.testkit.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transaction tools against Tributary: Apache Kafka 4.2.0's own TransactionsCommand (kafka-transactions.sh)
 * in its own JVM and {@code tributary transactions}. Each lists and describes a committed transaction, finds a
 * hanging one (transactional records written without the coordinator knowing, as a lost AddPartitionsToTxn
 * would leave them), describes its partition's producers and aborts it, after which the partition's last stable
 * offset reaches its end and nothing hangs.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TransactionToolsTest {

    private static final String KAFKA_TOOL = "org.apache.kafka.tools.TransactionsCommand";

    private static EmbeddedBroker broker;
    private static String bs;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(Map.of("transaction.state.log.num.partitions", "3"));
        bs = broker.bootstrapServers();
        Clients.createTopic(bs, "tool-orders", 1);
        try (KafkaProducer<String, String> producer = Clients.stringProducer(bs, Map.of("transactional.id", "tool-txn"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tool-orders", "k", "v"));
            producer.commitTransaction();
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void kafkasTransactionsCommandListsDescribesFindsAndAbortsAHangingTransaction() throws Exception {
        Clients.createTopic(bs, "hang-kafka", 1);
        long producerId = writeHangingTransaction("hang-kafka");
        String id = String.valueOf(broker.broker().brokerId());

        assertThat(kafkaTool("list").ok().out()).contains("tool-txn").contains("CompleteCommit");
        assertThat(kafkaTool("describe", "--transactional-id", "tool-txn").ok().out())
                .contains("tool-txn").contains("CompleteCommit");
        assertThat(kafkaTool("describe-producers", "--topic", "hang-kafka", "--partition", "0").ok().outLines())
                .anyMatch(line -> line.startsWith(producerId + " ") || line.startsWith(producerId + "\t"));
        List<String> hanging = kafkaTool("find-hanging", "--broker-id", id, "--max-transaction-timeout", "0")
                .ok().outLines();
        assertThat(hanging).as(String.join("\n", hanging)).anyMatch(line -> line.contains("hang-kafka")
                && line.contains(String.valueOf(producerId)));

        kafkaTool("abort", "--topic", "hang-kafka", "--partition", "0", "--start-offset", "0").ok();
        assertThat(lastStableOffset("hang-kafka")).isEqualTo(logEnd("hang-kafka"));
        assertThat(kafkaTool("find-hanging", "--topic", "hang-kafka", "--max-transaction-timeout", "0").ok().out())
                .doesNotContain(String.valueOf(producerId));
    }

    @Test
    void tributaryTransactionsToolListsDescribesFindsAndAbortsAHangingTransaction() throws Exception {
        Clients.createTopic(bs, "hang-ours", 1);
        long producerId = writeHangingTransaction("hang-ours");

        Tool list = Tool.run("transactions", "--bootstrap-server", bs, "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).startsWith("TransactionalId").contains("tool-txn").contains("CompleteCommit");
        Tool describe = Tool.run("transactions", "--bootstrap-server", bs, "describe", "--transactional-id", "tool-txn");
        assertThat(describe.out()).as(describe.toString()).contains("tool-txn").contains("CompleteCommit");
        Tool producers = Tool.run("transactions", "--bootstrap-server", bs, "describe-producers", "--topic", "hang-ours",
                "--partition", "0");
        assertThat(producers.out().lines().skip(1)).as(producers.toString())
                .anyMatch(line -> line.startsWith(producerId + " ") && line.endsWith(" 0"));
        Tool hanging = Tool.run("transactions", "--bootstrap-server", bs, "find-hanging", "--topic", "hang-ours",
                "--max-transaction-timeout", "0");
        assertThat(hanging.out().lines().skip(1).toList()).as(hanging.toString()).hasSize(1)
                .allMatch(line -> line.startsWith("hang-ours ") && line.contains(" " + producerId + " "));

        Tool abort = Tool.run("transactions", "--bootstrap-server", bs, "abort", "--topic", "hang-ours", "--partition",
                "0", "--start-offset", "0");
        assertThat(abort.exitCode()).as(abort.toString()).isZero();
        assertThat(lastStableOffset("hang-ours")).isEqualTo(logEnd("hang-ours"));
        Tool none = Tool.run("transactions", "--bootstrap-server", bs, "find-hanging", "--topic", "hang-ours",
                "--max-transaction-timeout", "0");
        assertThat(none.out().lines().skip(1).toList()).as(none.toString()).isEmpty();
    }

    @Test
    void tributaryTransactionsToolNamesAMissingOption() {
        Tool run = Tool.run("transactions", "--bootstrap-server", bs, "describe");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--transactional-id");
    }

    /** Transactional records from an idempotent producer id the coordinator never saw: a hanging transaction. */
    private static long writeHangingTransaction(String topic) throws Exception {
        String[] hostPort = bs.split(":");
        try (BlockingChannel channel = new BlockingChannel(hostPort[0], Integer.parseInt(hostPort[1]), 10_000, "hang")) {
            Struct ids = channel.call(ApiKey.INIT_PRODUCER_ID, (short) 4, MessageCodec.newRequest(ApiKey.INIT_PRODUCER_ID)
                    .set("transactional_id", null).set("transaction_timeout_ms", 60_000));
            long producerId = ids.getLong("producer_id");
            Struct request = MessageCodec.newRequest(ApiKey.PRODUCE).set("acks", (short) -1).set("timeout_ms", 10_000);
            request.addChild("topic_data").set("name", topic).addChild("partition_data").set("index", 0)
                    .set("records", new RecordBatchBuilder(CompressionType.NONE)
                            .producer(producerId, ids.getShort("producer_epoch"), 0).transactional(true)
                            .append(System.currentTimeMillis() - 60_000, "k".getBytes(StandardCharsets.UTF_8),
                                    "hanging".getBytes(StandardCharsets.UTF_8))
                            .build());
            Struct response = channel.call(ApiKey.PRODUCE, (short) 9, request);
            assertThat(response.getStructs("responses").get(0).getStructs("partition_responses").get(0)
                    .getShort("error_code")).isZero();
            assertThat(lastStableOffset(topic)).isZero();
            return producerId;
        }
    }

    private static long lastStableOffset(String topic) {
        return broker.broker().replicaManager().partition(new io.tributary.common.TopicPartition(topic, 0)).log()
                .lastStableOffset();
    }

    private static long logEnd(String topic) {
        return broker.broker().replicaManager().partition(new io.tributary.common.TopicPartition(topic, 0))
                .logEndOffset();
    }

    private JvmTool kafkaTool(String... args) throws Exception {
        String[] full = new String[args.length + 2];
        full[0] = "--bootstrap-server";
        full[1] = bs;
        System.arraycopy(args, 0, full, 2, args.length);
        return JvmTool.run(dir, "", KAFKA_TOOL, full);
    }
}
