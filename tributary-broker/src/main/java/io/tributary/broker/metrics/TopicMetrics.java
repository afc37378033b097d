package io.tributary.broker.metrics;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Kafka's kafka.server:type=BrokerTopicMetrics meters of one topic, each also marking the all-topics meter of the
 * same name, as Kafka's BrokerTopicStats does. Resolved once per partition when the partition is created, so the
 * produce and fetch paths mark meters directly: no name building or map lookup per request, no allocation.
 * Thread-safe (the meters are).
 */
public final class TopicMetrics {

    private static final String DOMAIN = "kafka.server";
    private static final String TYPE = "BrokerTopicMetrics";

    private final TopicMetrics allTopics;
    private final List<String> names = new ArrayList<>();
    private final Meter messagesIn;
    private final Meter bytesIn;
    private final Meter bytesOut;
    private final Meter bytesRejected;
    private final Meter failedProduce;
    private final Meter failedFetch;
    private final Meter totalProduce;
    private final Meter totalFetch;
    private final Meter replicationBytesOut;

    /** The all-topics meters ({@code topic == null}) or one topic's, which also mark {@code allTopics}. */
    TopicMetrics(MetricRegistry registry, String topic, TopicMetrics allTopics) {
        this.allTopics = allTopics;
        this.messagesIn = meter(registry, topic, "MessagesInPerSec");
        this.bytesIn = meter(registry, topic, "BytesInPerSec");
        this.bytesOut = meter(registry, topic, "BytesOutPerSec");
        this.bytesRejected = meter(registry, topic, "BytesRejectedPerSec");
        this.failedProduce = meter(registry, topic, "FailedProduceRequestsPerSec");
        this.failedFetch = meter(registry, topic, "FailedFetchRequestsPerSec");
        this.totalProduce = meter(registry, topic, "TotalProduceRequestsPerSec");
        this.totalFetch = meter(registry, topic, "TotalFetchRequestsPerSec");
        this.replicationBytesOut = topic == null ? meter(registry, null, "ReplicationBytesOutPerSec") : null;
    }

    private Meter meter(MetricRegistry registry, String topic, String name) {
        String full = topic == null ? KafkaMetricName.of(DOMAIN, TYPE, name)
                : KafkaMetricName.of(DOMAIN, TYPE, name, "topic", topic);
        names.add(full);
        return registry.meter(full);
    }

    /** A produce request's entry for one partition of this topic, before it is appended. */
    public void recordProduceRequest() {
        totalProduce.mark();
        if (allTopics != null) {
            allTopics.recordProduceRequest();
        }
    }

    /** A batch appended as leader: its bytes and record count. */
    public void recordAppend(int bytes, int records) {
        bytesIn.mark(bytes);
        messagesIn.mark(records);
        if (allTopics != null) {
            allTopics.recordAppend(bytes, records);
        }
    }

    /** A produce entry refused; {@code bytes} of records rejected (0 if none were read). */
    public void recordFailedProduce(int bytes) {
        failedProduce.mark();
        if (bytes > 0) {
            bytesRejected.mark(bytes);
        }
        if (allTopics != null) {
            allTopics.recordFailedProduce(bytes);
        }
    }

    /**
     * A fetch request's entry for one partition of this topic, as answered: the record bytes it carried. A follower's
     * bytes count as ReplicationBytesOutPerSec (all topics only, as in Kafka), so BytesOutPerSec stays client traffic.
     */
    public void recordFetch(long bytes, boolean follower, boolean failed) {
        totalFetch.mark();
        if (failed) {
            failedFetch.mark();
        } else if (bytes > 0 && !follower) {
            bytesOut.mark(bytes);
        }
        if (allTopics != null) {
            allTopics.recordFetch(bytes, follower, failed);
        } else if (follower && !failed && bytes > 0) {
            replicationBytesOut.mark(bytes);
        }
    }

    List<String> names() {
        return names;
    }
}
