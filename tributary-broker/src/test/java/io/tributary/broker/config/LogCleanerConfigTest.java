package io.tributary.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The log cleaner's broker keys: Kafka's defaults, overrides read, bad values refused by name. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LogCleanerConfigTest {

    @Test
    void cleanerRunsEveryFifteenSecondsByDefault() {
        BrokerConfig config = new BrokerConfig(Map.of("log.dirs", "/tmp/unused"));
        assertThat(config.get(BrokerConfigKeys.LOG_CLEANER_ENABLE)).isTrue();
        assertThat(config.get(BrokerConfigKeys.LOG_CLEANER_BACKOFF_MS)).isEqualTo(15_000L);
    }

    @Test
    void cleanerKeysAreReadFromTheBrokerConfiguration() {
        BrokerConfig config = new BrokerConfig(Map.of("log.dirs", "/tmp/unused",
                "log.cleaner.enable", "false", "log.cleaner.backoff.ms", "100"));
        assertThat(config.get(BrokerConfigKeys.LOG_CLEANER_ENABLE)).isFalse();
        assertThat(config.get(BrokerConfigKeys.LOG_CLEANER_BACKOFF_MS)).isEqualTo(100L);
    }

    @Test
    void negativeBackoffFailsNamingTheKey() {
        assertThatThrownBy(() -> new BrokerConfig(Map.of("log.dirs", "/tmp/unused", "log.cleaner.backoff.ms", "-1")))
                .hasMessageContaining("log.cleaner.backoff.ms").hasMessageContaining("-1");
    }
}
