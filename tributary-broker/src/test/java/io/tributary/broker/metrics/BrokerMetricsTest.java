package io.tributary.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.network.RequestObserver;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BrokerMetricsTest {

    @Test
    void topicMetersMarkTheirTopicAndAllTopics() {
        BrokerMetrics metrics = new BrokerMetrics(true);
        TopicMetrics orders = metrics.topicStats().topic("orders");
        TopicMetrics clicks = metrics.topicStats().topic("clicks");
        orders.recordAppend(1000, 10);
        clicks.recordAppend(500, 5);
        orders.recordFetch(300, false, false);
        orders.recordFetch(700, true, false);

        var meters = metrics.registry().getMeters();
        assertThat(meters.get("kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec,topic=orders").getCount())
                .isEqualTo(10);
        assertThat(meters.get("kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec").getCount()).isEqualTo(15);
        assertThat(meters.get("kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec").getCount()).isEqualTo(1500);
        assertThat(meters.get("kafka.server:type=BrokerTopicMetrics,name=BytesOutPerSec,topic=orders").getCount())
                .as("a follower's fetch is replication, not client bytes out").isEqualTo(300);
        assertThat(meters.get("kafka.server:type=BrokerTopicMetrics,name=ReplicationBytesOutPerSec").getCount())
                .isEqualTo(700);
    }

    @Test
    void removingATopicRemovesItsSeriesButKeepsTheAllTopicsOnes() {
        BrokerMetrics metrics = new BrokerMetrics(true);
        metrics.topicStats().topic("gone").recordAppend(10, 1);
        metrics.topicStats().removeTopic("gone");
        assertThat(metrics.registry().getNames()).noneMatch(name -> name.contains("topic=gone"));
        assertThat(metrics.registry().getMeters().get("kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec")
                .getCount()).isEqualTo(1);
    }

    @Test
    void disabledMetricsRecordNothingAndSkipRequestMetrics() {
        BrokerMetrics metrics = new BrokerMetrics(false);
        metrics.topicStats().topic("orders").recordAppend(1000, 10);
        assertThat(metrics.registry().getMetrics()).isEmpty();
        RequestObserver observer = metrics.requestObserver(new io.tributary.broker.network.ApiRegistry());
        assertThat(observer).isInstanceOf(RequestLog.class);
    }
}
