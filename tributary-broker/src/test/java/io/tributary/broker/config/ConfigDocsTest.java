package io.tributary.broker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ConfigDocsTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void committedConfigurationDocMatchesTheKeyDeclarations() throws Exception {
        Path doc = Path.of("..", "docs", "configuration.md");
        assertThat(Files.readString(doc))
                .as("docs/configuration.md is stale: regenerate it with io.tributary.broker.config.ConfigDocs")
                .isEqualTo(ConfigDocs.render());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void badValueNamesTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BrokerConfig(java.util.Map.of("num.partitions", "abc")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("num.partitions").hasMessageContaining("abc");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BrokerConfig(java.util.Map.of("listeners", "nonsense")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listeners");
    }
}
