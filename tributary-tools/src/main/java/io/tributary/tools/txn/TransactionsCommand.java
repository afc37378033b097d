package io.tributary.tools.txn;

import io.tributary.tools.BrokerReachability;
import io.tributary.tools.ClientConfigs;
import io.tributary.tools.KafkaTool;
import io.tributary.tools.ToolException;
import io.tributary.tools.ToolIo;
import io.tributary.tools.groups.TextTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeProducersOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tributary transactions}: {@code kafka-transactions.sh}'s actions over the admin API: list the
 * transactional ids coordinators know, describe one, describe the producers of a partition, abort an open
 * transaction at a partition (writing its ABORT marker through the partition leader), and find hanging
 * transactions (open in a partition for longer than the maximum timeout without an ongoing transaction at
 * the coordinator). Output columns are Kafka's.
 */
@Command(name = "transactions", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List, describe, abort transactions; describe producers; find hanging transactions.")
public final class TransactionsCommand extends KafkaTool {

    private static final long TIMEOUT_S = 30;

    @Option(names = "--bootstrap-server", required = true, paramLabel = "<host:port>",
            description = "Broker(s) to connect to.")
    String bootstrapServer;

    @Option(names = "--command-config", paramLabel = "<file>", description = "Admin client properties file.")
    Path commandConfig;

    @Parameters(index = "0", paramLabel = "<action>",
            description = "list, describe, describe-producers, abort or find-hanging.")
    String action;

    @Option(names = "--transactional-id", paramLabel = "<id>", description = "describe: the transactional id.")
    String transactionalId;

    @Option(names = "--topic", paramLabel = "<topic>", description = "describe-producers, abort, find-hanging: the topic.")
    String topic;

    @Option(names = "--partition", paramLabel = "<n>", description = "describe-producers, abort, find-hanging: the partition.")
    Integer partition;

    @Option(names = "--broker-id", paramLabel = "<id>",
            description = "describe-producers: ask this replica; find-hanging: every partition it leads.")
    Integer brokerId;

    @Option(names = "--start-offset", paramLabel = "<offset>", description = "abort: first offset of the transaction.")
    Long startOffset;

    @Option(names = "--producer-id", paramLabel = "<id>", description = "abort (without --start-offset): the producer.")
    Long producerId;

    @Option(names = "--producer-epoch", paramLabel = "<epoch>", description = "abort (without --start-offset).")
    Short producerEpoch;

    @Option(names = "--coordinator-epoch", paramLabel = "<epoch>", description = "abort (without --start-offset).")
    Integer coordinatorEpoch;

    @Option(names = "--max-transaction-timeout", paramLabel = "<minutes>", defaultValue = "15",
            description = "find-hanging: transactions open longer than this are suspects (default: ${DEFAULT-VALUE}).")
    long maxTransactionTimeoutMinutes;

    public TransactionsCommand(ToolIo io) {
        super(io);
    }

    @Override
    protected String target() {
        return bootstrapServer;
    }

    @Override
    protected int run() throws Exception {
        BrokerReachability.require(bootstrapServer);
        try (Admin admin = Admin.create(ClientConfigs.admin(bootstrapServer, commandConfig))) {
            switch (action) {
                case "list" -> list(admin);
                case "describe" -> describe(admin);
                case "describe-producers" -> describeProducers(admin);
                case "abort" -> abort(admin);
                case "find-hanging" -> findHanging(admin);
                default -> throw new ToolException("Unknown action '" + action
                        + "': use list, describe, describe-producers, abort or find-hanging");
            }
            return 0;
        }
    }

    private void list(Admin admin) throws Exception {
        TextTable table = new TextTable(List.of("TransactionalId", "Coordinator", "ProducerId", "TransactionState"));
        Map<Integer, Collection<TransactionListing>> byBroker = admin.listTransactions().allByBrokerId()
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        byBroker.forEach((broker, listings) -> listings.forEach(listing -> table.add(List.of(listing.transactionalId(),
                String.valueOf(broker), String.valueOf(listing.producerId()), listing.state().toString()))));
        io.out().print(table.render());
    }

    private void describe(Admin admin) throws Exception {
        String id = require(transactionalId, "--transactional-id");
        TransactionDescription d = admin.describeTransactions(List.of(id)).description(id).get(TIMEOUT_S, TimeUnit.SECONDS);
        long now = System.currentTimeMillis();
        String start = d.transactionStartTimeMs().isPresent() ? String.valueOf(d.transactionStartTimeMs().getAsLong()) : "None";
        String duration = d.transactionStartTimeMs().isPresent()
                ? String.valueOf(now - d.transactionStartTimeMs().getAsLong()) : "None";
        List<String> partitions = d.topicPartitions().stream().map(TopicPartition::toString).sorted().toList();
        io.out().print(new TextTable(List.of("CoordinatorId", "TransactionalId", "ProducerId", "ProducerEpoch",
                "TransactionState", "TransactionTimeoutMs", "CurrentTransactionStartTimeMs", "TransactionDurationMs",
                "TopicPartitions"))
                .add(List.of(String.valueOf(d.coordinatorId()), id, String.valueOf(d.producerId()),
                        String.valueOf(d.producerEpoch()), d.state().toString(), String.valueOf(d.transactionTimeoutMs()),
                        start, duration, String.join(",", partitions)))
                .render());
    }

    private void describeProducers(Admin admin) throws Exception {
        TopicPartition tp = new TopicPartition(require(topic, "--topic"), require(partition, "--partition"));
        DescribeProducersOptions options = new DescribeProducersOptions();
        if (brokerId != null) {
            options.brokerId(brokerId);
        }
        TextTable table = new TextTable(List.of("ProducerId", "ProducerEpoch", "LatestCoordinatorEpoch", "LastSequence",
                "LastTimestamp", "CurrentTransactionStartOffset"));
        for (ProducerState p : producersOf(admin, tp, options)) {
            table.add(List.of(String.valueOf(p.producerId()), String.valueOf(p.producerEpoch()),
                    p.coordinatorEpoch().isPresent() ? String.valueOf(p.coordinatorEpoch().getAsInt()) : "None",
                    String.valueOf(p.lastSequence()), String.valueOf(p.lastTimestamp()),
                    p.currentTransactionStartOffset().isPresent()
                            ? String.valueOf(p.currentTransactionStartOffset().getAsLong()) : "None"));
        }
        io.out().print(table.render());
    }

    private void abort(Admin admin) throws Exception {
        TopicPartition tp = new TopicPartition(require(topic, "--topic"), require(partition, "--partition"));
        AbortTransactionSpec spec;
        if (startOffset != null) {
            ProducerState open = producersOf(admin, tp, new DescribeProducersOptions()).stream()
                    .filter(p -> p.currentTransactionStartOffset().isPresent()
                            && p.currentTransactionStartOffset().getAsLong() == startOffset)
                    .findFirst()
                    .orElseThrow(() -> new ToolException("No open transaction starts at offset " + startOffset
                            + " of " + tp));
            spec = new AbortTransactionSpec(tp, open.producerId(), (short) open.producerEpoch(),
                    Math.max(0, open.coordinatorEpoch().orElse(0)));
        } else {
            spec = new AbortTransactionSpec(tp, require(producerId, "--producer-id (or --start-offset)"),
                    require(producerEpoch, "--producer-epoch"), require(coordinatorEpoch, "--coordinator-epoch"));
        }
        admin.abortTransaction(spec).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        io.out().println("Aborted the transaction of producer " + spec.producerId() + " at " + tp + ".");
    }

    private void findHanging(Admin admin) throws Exception {
        List<TopicPartition> partitions = new HangingTransactions(admin, TIMEOUT_S)
                .partitions(topic, partition, brokerId);
        List<HangingTransactions.Hanging> hanging = new HangingTransactions(admin, TIMEOUT_S)
                .find(partitions, TimeUnit.MINUTES.toMillis(maxTransactionTimeoutMinutes), System.currentTimeMillis());
        TextTable table = new TextTable(List.of("Topic", "Partition", "ProducerId", "ProducerEpoch", "CoordinatorEpoch",
                "StartOffset", "LastTimestamp", "Duration(min)"));
        for (HangingTransactions.Hanging h : hanging) {
            table.add(List.of(h.partition().topic(), String.valueOf(h.partition().partition()),
                    String.valueOf(h.producer().producerId()), String.valueOf(h.producer().producerEpoch()),
                    h.producer().coordinatorEpoch().isPresent() ? String.valueOf(h.producer().coordinatorEpoch().getAsInt())
                            : "None",
                    String.valueOf(h.producer().currentTransactionStartOffset().getAsLong()),
                    String.valueOf(h.producer().lastTimestamp()), String.valueOf(h.durationMinutes())));
        }
        io.out().print(table.render());
    }

    private static List<ProducerState> producersOf(Admin admin, TopicPartition tp, DescribeProducersOptions options)
            throws Exception {
        return new ArrayList<>(admin.describeProducers(List.of(tp), options).partitionResult(tp)
                .get(TIMEOUT_S, TimeUnit.SECONDS).activeProducers());
    }

    private static <T> T require(T value, String option) {
        if (value == null) {
            throw new ToolException("Option " + option + " is required for this action");
        }
        return value;
    }
}
