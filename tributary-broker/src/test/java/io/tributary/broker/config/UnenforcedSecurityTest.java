package io.tributary.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A broker asked for security it does not enforce refuses to start, naming the key; it never fails open. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class UnenforcedSecurityTest {

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        map.put("log.dirs", "/tmp/unused");
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void listenerWhoseNameIsMissingFromTheProtocolMapFailsNamingTheMap() {
        assertThatThrownBy(() -> new BrokerConfig(config("listeners", "INTERNAL://127.0.0.1:0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("listener.security.protocol.map").hasMessageContaining("INTERNAL");
    }

    @Test
    void unknownProtocolInTheMapFailsNamingTheMap() {
        assertThatThrownBy(() -> new BrokerConfig(config("listener.security.protocol.map", "INTERNAL:TLS")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listener.security.protocol.map");
    }

    @Test
    void customListenerNameMappedToPlaintextIsServed() {
        BrokerConfig broker = new BrokerConfig(config("listeners", "INTERNAL://127.0.0.1:0,external://127.0.0.1:0",
                "listener.security.protocol.map", "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT", "inter.broker.listener.name", "INTERNAL"));
        assertThat(broker.listeners()).extracting(Listeners.Endpoint::listenerName).containsExactly("INTERNAL", "EXTERNAL");
        assertThat(broker.listeners()).extracting(Listeners.Endpoint::securityProtocol)
                .containsOnly(SecurityProtocol.PLAINTEXT);
    }

    @Test
    void sameListenerNameTwiceFailsNamingListeners() {
        assertThatThrownBy(() -> new BrokerConfig(config("listeners", "PLAINTEXT://127.0.0.1:0,PLAINTEXT://127.0.0.1:1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listeners");
    }

    @Test
    void everyProtocolOfTheMapIsServed() {
        BrokerConfig broker = new BrokerConfig(config("listeners",
                "PLAINTEXT://127.0.0.1:0,SSL://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:0,SASL_SSL://127.0.0.1:0"));
        assertThat(broker.listeners()).extracting(Listeners.Endpoint::securityProtocol)
                .containsExactly(SecurityProtocol.values());
    }

    @Test
    void everySecurityKeyNotEnforcedFailsNamingTheKey() {
        for (String key : new String[] {"ssl.engine.factory.class", "sasl.kerberos.service.name", "sasl.server.callback.handler.class", "authorizer.class.name",
                "principal.builder.class", "listener.name.external.ssl.client.auth", "security.providers"}) {
            assertThatThrownBy(() -> new BrokerConfig(config(key, "x")))
                    .as(key).isInstanceOf(ConfigException.class).hasMessageContaining(key);
        }
    }

    @Test
    void interBrokerListenerMustBeAnAdvertisedListener() {
        assertThatThrownBy(() -> new BrokerConfig(config("listeners", "INTERNAL://127.0.0.1:0",
                "listener.security.protocol.map", "INTERNAL:PLAINTEXT", "inter.broker.listener.name", "REPLICATION")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("inter.broker.listener.name");
        assertThatThrownBy(() -> new BrokerConfig(config("listeners", "INTERNAL://127.0.0.1:0",
                "listener.security.protocol.map", "INTERNAL:PLAINTEXT")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("security.inter.broker.protocol");
        assertThat(new BrokerConfig(config("listeners", "INTERNAL://127.0.0.1:0",
                "listener.security.protocol.map", "INTERNAL:PLAINTEXT", "inter.broker.listener.name", "internal"))
                .interBrokerListenerName()).isEqualTo("INTERNAL");
    }

    @Test
    void advertisedListenerMustBeBound() {
        assertThatThrownBy(() -> new BrokerConfig(config("listeners", "PLAINTEXT://127.0.0.1:0",
                "advertised.listeners", "PLAINTEXT://h:1,SSL://h:2")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("advertised.listeners");
    }

    @Test
    void tlsKeysAreAcceptedBrokerWideAndPerConfiguredListener() {
        BrokerConfig broker = new BrokerConfig(config("listeners", "PLAINTEXT://127.0.0.1:0,SSL://127.0.0.1:0",
                "ssl.client.auth", "required", "listener.name.ssl.ssl.keystore.location", "/k.p12"));
        assertThat(broker.listener("SSL").securityProtocol()).isEqualTo(SecurityProtocol.SSL);
        assertThatThrownBy(() -> new BrokerConfig(config("listener.name.other.ssl.keystore.location", "/k.p12")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listener.name.other.ssl.keystore.location");
    }

    @Test
    void kafkasAuthorizerClassNamesAreAcceptedAndAnyOtherFails() {
        for (String name : new String[] {"kafka.security.authorizer.AclAuthorizer", "kafka.security.auth.SimpleAclAuthorizer",
                "org.apache.kafka.metadata.authorizer.StandardAuthorizer"}) {
            assertThat(new BrokerConfig(config("authorizer.class.name", name)).get(SecurityConfigKeys.AUTHORIZER_CLASS_NAME))
                    .isEqualTo(name);
        }
        assertThatThrownBy(() -> new BrokerConfig(config("authorizer.class.name", "com.example.MyAuthorizer")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("authorizer.class.name");
    }
}
