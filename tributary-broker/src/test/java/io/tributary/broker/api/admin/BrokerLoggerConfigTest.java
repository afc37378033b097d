package io.tributary.broker.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.server.Broker;
import io.tributary.common.Time;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Kafka's BROKER_LOGGER resource (kafka-configs --entity-type broker-loggers) through kafka-clients' Admin: levels
 * are described and changed at run time, and the change reaches the loggers the broker's code logs through.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrokerLoggerConfigTest {

    private static final ConfigResource LOGGERS = new ConfigResource(ConfigResource.Type.BROKER_LOGGER, "0");

    @TempDir
    Path dir;

    private Broker broker;
    private Admin admin;

    @BeforeEach
    void start() throws Exception {
        broker = new Broker(new BrokerConfig(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0", "embedded.zookeeper.port", "0", "admin.listeners", "http://127.0.0.1:0",
                "log.dirs", dir.resolve("logs").toString(),
                "offsets.topic.replication.factor", "1")), Time.SYSTEM).start();
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            alter(new AlterConfigOp(new ConfigEntry("io.tributary.broker", ""), AlterConfigOp.OpType.DELETE));
        } finally {
            admin.close();
            broker.close();
        }
    }

    @Test
    void describesEveryLoggerWithItsLevelAsALoggerSource() throws Exception {
        Config loggers = describe();

        ConfigEntry root = loggers.get("root");
        assertThat(root).isNotNull();
        assertThat(root.source()).isEqualTo(ConfigSource.DYNAMIC_BROKER_LOGGER_CONFIG);
        assertThat(loggers.get("io.tributary.broker.server.Broker")).isNotNull();
        assertThat(loggers.get("io.tributary.broker.server.Broker").value()).isEqualTo(root.value());
    }

    @Test
    void settingAPackageToDebugReachesTheBrokersLoggersAndDeleteRestoresInheritance() throws Exception {
        org.slf4j.Logger brokerLogger = LoggerFactory.getLogger(Broker.class);
        assertThat(brokerLogger.isDebugEnabled()).isFalse();

        alter(new AlterConfigOp(new ConfigEntry("io.tributary.broker", "DEBUG"), AlterConfigOp.OpType.SET));

        assertThat(brokerLogger.isDebugEnabled()).isTrue();
        assertThat(describe().get("io.tributary.broker.server.Broker").value()).isEqualTo("DEBUG");
        assertThat(describe().get("io.tributary.broker").value()).isEqualTo("DEBUG");

        alter(new AlterConfigOp(new ConfigEntry("io.tributary.broker", ""), AlterConfigOp.OpType.DELETE));

        assertThat(brokerLogger.isDebugEnabled()).isFalse();
        assertThat(describe().get("io.tributary.broker.server.Broker").value()).isEqualTo(describe().get("root").value());
    }

    @Test
    void refusesAnUnknownLevelAnUnknownLoggerAndRemovingTheRootLevel() {
        assertThatThrownBy(() -> alter(new AlterConfigOp(new ConfigEntry("io.tributary.broker", "LOUD"),
                AlterConfigOp.OpType.SET)))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("LOUD").hasMessageContaining("Valid log levels");
        assertThatThrownBy(() -> alter(new AlterConfigOp(new ConfigEntry("no.such.logger", "DEBUG"),
                AlterConfigOp.OpType.SET)))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("no.such.logger");
        assertThatThrownBy(() -> alter(new AlterConfigOp(new ConfigEntry("root", ""), AlterConfigOp.OpType.DELETE)))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("root logger");
        assertThatThrownBy(() -> alter(new AlterConfigOp(new ConfigEntry("root", "DEBUG"),
                AlterConfigOp.OpType.APPEND)))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(InvalidRequestException.class);
    }

    private Config describe() throws Exception {
        return admin.describeConfigs(List.of(LOGGERS)).all().get(30, TimeUnit.SECONDS).get(LOGGERS);
    }

    private void alter(AlterConfigOp op) throws Exception {
        admin.incrementalAlterConfigs(Map.of(LOGGERS, List.of(op))).all().get(30, TimeUnit.SECONDS);
    }
}
