package io.tributary.broker.api.admin;

import io.tributary.broker.admin.BrokerConfigAdmin;
import io.tributary.broker.admin.LoggerLevels;
import io.tributary.broker.admin.TopicAdmin;
import io.tributary.broker.metadata.ImageWaiter;
import io.tributary.broker.metadata.LiveBrokerConfig;
import io.tributary.broker.metadata.MetadataCache;

/** The handlers of the config APIs (describe, alter, incremental alter) over one set of parts. Immutable. */
public final class ConfigApis {

    private final DescribeConfigsHandler describe;
    private final AlterConfigsHandler alter;
    private final IncrementalAlterConfigsHandler incrementalAlter;

    public ConfigApis(TopicAdmin topics, BrokerConfigAdmin brokers, LiveBrokerConfig live, MetadataCache metadata,
                      ImageWaiter waiter, LoggerLevels loggers) {
        ConfigAlteration alteration = new ConfigAlteration(topics, brokers, live, metadata, waiter, loggers);
        this.describe = new DescribeConfigsHandler(topics, live, metadata, loggers);
        this.alter = new AlterConfigsHandler(alteration);
        this.incrementalAlter = new IncrementalAlterConfigsHandler(alteration);
    }

    public DescribeConfigsHandler describe() {
        return describe;
    }

    public AlterConfigsHandler alter() {
        return alter;
    }

    public IncrementalAlterConfigsHandler incrementalAlter() {
        return incrementalAlter;
    }
}
