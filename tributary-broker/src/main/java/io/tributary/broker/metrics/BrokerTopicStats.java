package io.tributary.broker.metrics;

import com.codahale.metrics.MetricRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The BrokerTopicMetrics of every topic this broker hosts, plus the all-topics ones. A topic's meters are created
 * when its first partition is created here and removed when its last one goes (topic deleted or moved away), so
 * series never outlive their topic. Thread-safe.
 */
public final class BrokerTopicStats {

    private final MetricRegistry registry;
    private final TopicMetrics allTopics;
    private final ConcurrentMap<String, TopicMetrics> topics = new ConcurrentHashMap<>();

    public BrokerTopicStats(MetricRegistry registry) {
        this.registry = registry;
        this.allTopics = new TopicMetrics(registry, null, null);
    }

    /** A registry of its own: for parts built without a broker (tests). */
    public static BrokerTopicStats standalone() {
        return new BrokerTopicStats(new MetricRegistry());
    }

    /** Called when a partition is created, never per request. */
    public TopicMetrics topic(String topic) {
        return topics.computeIfAbsent(topic, t -> new TopicMetrics(registry, t, allTopics));
    }

    /** Counts that belong to no hosted topic (a produce to a partition this broker does not have). */
    public TopicMetrics allTopics() {
        return allTopics;
    }

    public void removeTopic(String topic) {
        TopicMetrics removed = topics.remove(topic);
        if (removed != null) {
            removed.names().forEach(registry::remove);
        }
    }
}
