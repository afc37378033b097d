package io.tributary.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminListenerConfigTest {

    private static BrokerConfig config(String adminListeners) {
        return new BrokerConfig(Map.of("log.dirs", "/tmp/unused", "admin.listeners", adminListeners));
    }

    @Test
    void defaultIsLoopbackPort9644() {
        BrokerConfig config = new BrokerConfig(Map.of("log.dirs", "/tmp/unused"));
        assertThat(AdminListener.parse(config.get(AdminConfigKeys.ADMIN_LISTENERS)))
                .isEqualTo(new AdminListener("127.0.0.1", 9644));
    }

    @Test
    void emptyValueTurnsTheEndpointOff() {
        assertThat(AdminListener.parse(config("").get(AdminConfigKeys.ADMIN_LISTENERS))).isNull();
    }

    @Test
    void acceptsHostnamesAndBracketedIpv6() {
        assertThat(AdminListener.parse("http://localhost:0")).isEqualTo(new AdminListener("localhost", 0));
        assertThat(AdminListener.parse("http://[::1]:9644")).isEqualTo(new AdminListener("::1", 9644));
    }

    @Test
    void badValuesFailNamingTheKey() {
        for (String bad : new String[] {"127.0.0.1:9644", "https://127.0.0.1:9644", "http://127.0.0.1", "http://h:99999",
                "PLAINTEXT://127.0.0.1:9644"}) {
            assertThatThrownBy(() -> config(bad)).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("admin.listeners").hasMessageContaining(bad);
        }
    }
}
