package io.tributary.common;

import java.util.Objects;

/** A topic name and a partition number; immutable, usable as a map key. */
public record TopicPartition(String topic, int partition) implements Comparable<TopicPartition> {

    public TopicPartition {
        Objects.requireNonNull(topic, "topic");
    }

    /** The name Kafka gives the partition's directory under a log dir. */
    public String directoryName() {
        return topic + "-" + partition;
    }

    @Override
    public int compareTo(TopicPartition other) {
        int byTopic = topic.compareTo(other.topic);
        return byTopic != 0 ? byTopic : Integer.compare(partition, other.partition);
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
