package io.tributary.broker.metrics;

/**
 * Builds a metric's name as Kafka's JMX ObjectName, e.g.
 * {@code kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec,topic=orders}. The registry keys its metrics by
 * this string, {@link KafkaObjectNameFactory} turns it into the MBean's name and the Prometheus endpoint into a
 * jmx_exporter-style series, so there is one name per metric. Keys keep Kafka's order: type, name, then tags.
 * Values are used unquoted, as Kafka does: topic names and API names hold no ObjectName special characters.
 */
public final class KafkaMetricName {

    private KafkaMetricName() {
    }

    /** {@code tags} are key, value pairs. */
    public static String of(String domain, String type, String name, String... tags) {
        if (tags.length % 2 != 0) {
            throw new IllegalArgumentException("tags come in key, value pairs: " + String.join(",", tags));
        }
        StringBuilder sb = new StringBuilder(64).append(domain).append(":type=").append(type).append(",name=").append(name);
        for (int i = 0; i < tags.length; i += 2) {
            sb.append(',').append(tags[i]).append('=').append(tags[i + 1]);
        }
        return sb.toString();
    }
}
