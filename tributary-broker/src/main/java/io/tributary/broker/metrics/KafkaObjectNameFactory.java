package io.tributary.broker.metrics;

import com.codahale.metrics.jmx.ObjectNameFactory;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Registers each metric under the ObjectName its registry name already spells ({@link KafkaMetricName}), instead of
 * the library's {@code metrics:name=...}, so JMX tools and jmx_exporter configurations written for Kafka find it.
 * Stateless.
 */
final class KafkaObjectNameFactory implements ObjectNameFactory {

    @Override
    public ObjectName createName(String type, String domain, String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("metric name is not an ObjectName: " + name, e);
        }
    }
}
