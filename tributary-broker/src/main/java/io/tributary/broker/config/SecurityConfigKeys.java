package io.tributary.broker.config;

import static io.tributary.broker.config.ConfigKey.LIST;
import static io.tributary.broker.config.ConfigKey.STRING;

import io.tributary.broker.config.ConfigKey.Validator;
import java.util.List;

/** The broker's listener and security keys: Kafka's names, defaults and meaning, declared once. */
public final class SecurityConfigKeys {

    private SecurityConfigKeys() {
    }

    public static final ConfigKey<List<String>> LISTENER_SECURITY_PROTOCOL_MAP = new ConfigKey<>(
            "listener.security.protocol.map", LIST, Listeners.DEFAULT_PROTOCOL_MAP, Listeners.PROTOCOL_MAP_VALIDATOR,
            "NAME:PROTOCOL pairs giving each listener name its security protocol (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL).");
    public static final ConfigKey<String> INTER_BROKER_LISTENER_NAME = new ConfigKey<>("inter.broker.listener.name",
            STRING, null, Validator.any(),
            "The listener other brokers use for replication and controlled shutdown; unset means the listener of "
                    + "security.inter.broker.protocol.");
    public static final ConfigKey<String> SECURITY_INTER_BROKER_PROTOCOL = new ConfigKey<>(
            "security.inter.broker.protocol", STRING, "PLAINTEXT",
            ConfigKey.oneOf("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"),
            "The security protocol between brokers, when inter.broker.listener.name is unset.");

    public static final List<ConfigKey<?>> ALL = List.of(LISTENER_SECURITY_PROTOCOL_MAP, INTER_BROKER_LISTENER_NAME,
            SECURITY_INTER_BROKER_PROTOCOL);
}
