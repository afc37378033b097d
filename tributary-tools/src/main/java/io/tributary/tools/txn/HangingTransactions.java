package io.tributary.tools.txn;

import io.tributary.tools.ToolException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Finds hanging transactions the way {@code kafka-transactions.sh find-hanging} does: a producer with a
 * transaction open in a partition for longer than the maximum transaction timeout, whose coordinator has no
 * ongoing transaction of that producer including the partition. Such a transaction holds the partition's last
 * stable offset, and so every read_committed consumer, until it is aborted. Not thread-safe; one per run.
 */
final class HangingTransactions {

    /** A hanging transaction: where, whose, and how long it has been open. */
    record Hanging(TopicPartition partition, ProducerState producer, long durationMinutes) {
    }

    private final Admin admin;
    private final long timeoutSeconds;

    HangingTransactions(Admin admin, long timeoutSeconds) {
        this.admin = admin;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The partitions to search: one, a topic's, or all those {@code brokerId} leads. */
    List<TopicPartition> partitions(String topic, Integer partition, Integer brokerId) throws Exception {
        if (topic == null && brokerId == null) {
            throw new ToolException("find-hanging needs --topic or --broker-id");
        }
        if (topic != null && partition != null) {
            return List.of(new TopicPartition(topic, partition));
        }
        Collection<String> topics = topic != null ? List.of(topic)
                : admin.listTopics().names().get(timeoutSeconds, TimeUnit.SECONDS);
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                .get(timeoutSeconds, TimeUnit.SECONDS);
        List<TopicPartition> result = new ArrayList<>();
        described.forEach((name, description) -> {
            for (TopicPartitionInfo info : description.partitions()) {
                if (brokerId == null || (info.leader() != null && info.leader().id() == brokerId)) {
                    result.add(new TopicPartition(name, info.partition()));
                }
            }
        });
        result.sort(java.util.Comparator.comparing(TopicPartition::toString));
        return result;
    }

    List<Hanging> find(List<TopicPartition> partitions, long maxTimeoutMs, long nowMs) throws Exception {
        List<Hanging> hanging = new ArrayList<>();
        if (partitions.isEmpty()) {
            return hanging;
        }
        var results = admin.describeProducers(partitions).all().get(timeoutSeconds, TimeUnit.SECONDS);
        for (TopicPartition tp : partitions) {
            var described = results.get(tp);
            if (described == null) {
                continue;
            }
            for (ProducerState producer : described.activeProducers()) {
                long openMs = nowMs - producer.lastTimestamp();
                if (producer.currentTransactionStartOffset().isPresent() && openMs >= maxTimeoutMs
                        && !ongoingAtCoordinator(producer.producerId(), tp)) {
                    hanging.add(new Hanging(tp, producer, TimeUnit.MILLISECONDS.toMinutes(openMs)));
                }
            }
        }
        return hanging;
    }

    /** Whether the producer's coordinator has an ongoing transaction that includes {@code tp}. */
    private boolean ongoingAtCoordinator(long producerId, TopicPartition tp) throws Exception {
        Collection<TransactionListing> listings = admin.listTransactions(new ListTransactionsOptions()
                .filterProducerIds(Set.of(producerId))).all().get(timeoutSeconds, TimeUnit.SECONDS);
        for (TransactionListing listing : listings) {
            TransactionDescription description = admin.describeTransactions(List.of(listing.transactionalId()))
                    .description(listing.transactionalId()).get(timeoutSeconds, TimeUnit.SECONDS);
            if (description.producerId() == producerId && description.state() == TransactionState.ONGOING
                    && description.topicPartitions().contains(tp)) {
                return true;
            }
        }
        return false;
    }
}
