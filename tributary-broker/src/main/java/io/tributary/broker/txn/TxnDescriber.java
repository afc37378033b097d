package io.tributary.broker.txn;

import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Responder;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * DescribeTransactions and ListTransactions: what the coordinator knows of the transactional ids it
 * serves, as Kafka's admin client and {@code kafka-transactions.sh} read it. Thread-safe: each id is read
 * under its monitor.
 */
public final class TxnDescriber {

    private final TransactionCoordinator coordinator;

    public TxnDescriber(TransactionCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    public void describeTransactions(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        response.set("transaction_states", new ArrayList<>());
        for (Object id : request.<Object>getList("transactional_ids")) {
            String transactionalId = (String) id;
            Struct state = response.addChild("transaction_states").set("transactional_id", transactionalId)
                    .set("transaction_state", "").set("producer_id", -1L).set("producer_epoch", (short) -1)
                    .set("transaction_start_time_ms", -1L);
            state.set("topics", new ArrayList<>());
            Errors[] error = new Errors[1];
            TxnRegistry.OwnedPartition owner = coordinator.registry().ownerOf(transactionalId, error);
            TxnMetadata metadata = owner == null ? null : owner.transactions.get(transactionalId);
            if (owner == null || metadata == null) {
                state.set("error_code", (owner == null ? error[0] : Errors.TRANSACTIONAL_ID_NOT_FOUND).code());
                continue;
            }
            synchronized (metadata) {
                state.set("transaction_state", metadata.state.displayName)
                        .set("transaction_timeout_ms", metadata.timeoutMs)
                        .set("transaction_start_time_ms", metadata.txnStartTimestamp)
                        .set("producer_id", metadata.producerId)
                        .set("producer_epoch", metadata.producerEpoch);
                Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
                for (TopicPartition tp : metadata.partitions) {
                    byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
                }
                byTopic.forEach((topic, partitions) -> state.addChild("topics").set("topic", topic)
                        .set("partitions", partitions));
            }
        }
        responder.send(response);
    }

    public void listTransactions(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        response.set("unknown_state_filters", new ArrayList<>()).set("transaction_states", new ArrayList<>());
        Set<TxnState> states = new HashSet<>();
        List<String> unknownStates = new ArrayList<>();
        for (Object name : request.<Object>getList("state_filters")) {
            TxnState state = TxnState.forName((String) name);
            if (state == null) {
                unknownStates.add((String) name);
            } else {
                states.add(state);
            }
        }
        response.set("unknown_state_filters", unknownStates);
        Set<Long> producerIds = new HashSet<>();
        for (Object id : request.<Object>getList("producer_id_filters")) {
            producerIds.add((Long) id);
        }
        long minDurationMs = context.version() >= 1 ? request.getLong("duration_filter") : -1;
        Pattern pattern = null;
        String regex = context.version() >= 2 ? request.getString("transactional_id_pattern") : null;
        if (regex != null && !regex.isEmpty()) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                responder.send(response.set("error_code", Errors.INVALID_REGULAR_EXPRESSION.code()));
                return;
            }
        }
        long now = coordinator.time().milliseconds();
        for (TxnRegistry.OwnedPartition owner : coordinator.registry().loadedPartitions()) {
            for (TxnMetadata metadata : owner.transactions.values()) {
                synchronized (metadata) {
                    boolean matches = (states.isEmpty() || states.contains(metadata.state))
                            && (producerIds.isEmpty() || producerIds.contains(metadata.producerId))
                            && (minDurationMs < 0 || (metadata.state == TxnState.ONGOING
                                    && now - metadata.txnStartTimestamp >= minDurationMs))
                            && (pattern == null || pattern.matcher(metadata.transactionalId).matches());
                    if (matches && (unknownStates.isEmpty() || !states.isEmpty())) {
                        response.addChild("transaction_states").set("transactional_id", metadata.transactionalId)
                                .set("producer_id", metadata.producerId)
                                .set("transaction_state", metadata.state.displayName);
                    }
                }
            }
        }
        responder.send(response);
    }
}
