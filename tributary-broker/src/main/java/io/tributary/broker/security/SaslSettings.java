package io.tributary.broker.security;

import static io.tributary.broker.config.SecurityConfigKeys.SASL_ENABLED_MECHANISMS;
import static io.tributary.broker.config.SecurityConfigKeys.SASL_JAAS_CONFIG;

import io.tributary.broker.config.ConfigException;
import io.tributary.broker.config.SecurityConfigKeys;
import io.tributary.broker.security.sasl.CredentialStore;
import io.tributary.broker.security.sasl.JaasConfig;
import io.tributary.broker.security.sasl.SaslServerFactory;
import java.util.List;
import java.util.Map;

/**
 * A SASL listener's mechanisms and JAAS entries, resolved at start-up as Kafka resolves them: mechanisms from
 * {@code [listener.name.<l>.]sasl.enabled.mechanisms}, each mechanism's JAAS entry from
 * {@code listener.name.<l>.<mechanism>.sasl.jaas.config}, else {@code sasl.jaas.config}. A mechanism this broker
 * does not serve, or PLAIN without users, fails start-up naming the key; JAAS values never appear in messages.
 */
public final class SaslSettings {

    private static final String HIDDEN = "[hidden]";

    private final ListenerSettings settings;

    public SaslSettings(ListenerSettings settings) {
        this.settings = settings;
    }

    public SaslServerFactory serverFactory(CredentialStore scram) {
        List<String> mechanisms = settings.get(SASL_ENABLED_MECHANISMS);
        if (mechanisms.isEmpty()) {
            throw new ConfigException(settings.sourceOf(SASL_ENABLED_MECHANISMS), "", "listener "
                    + settings.listenerName() + " uses SASL and needs at least one mechanism");
        }
        for (String mechanism : mechanisms) {
            if (!SaslServerFactory.isSupported(mechanism)) {
                throw new ConfigException(settings.sourceOf(SASL_ENABLED_MECHANISMS), mechanisms, "mechanism "
                        + mechanism + " is not supported by this broker; it serves PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512");
            }
        }
        Map<String, String> plainUsers = Map.of();
        if (mechanisms.contains(SaslServerFactory.PLAIN)) {
            JaasConfig jaas = jaas(SaslServerFactory.PLAIN);
            if (jaas == null || jaas.plainUsers().isEmpty()) {
                throw new ConfigException(jaasKey(SaslServerFactory.PLAIN), HIDDEN, "PLAIN is enabled on listener "
                        + settings.listenerName() + " but no PlainLoginModule entry with user_<name>=\"<password>\" is set");
            }
            plainUsers = jaas.plainUsers();
        }
        return new SaslServerFactory(mechanisms, plainUsers, scram);
    }

    /** The {@code username} and {@code password} options of a mechanism's JAAS entry, for this broker's own login. */
    public String[] login(String mechanism) {
        JaasConfig jaas = jaas(mechanism);
        if (jaas == null || jaas.options().get("username") == null || jaas.options().get("password") == null) {
            throw new ConfigException(jaasKey(mechanism), HIDDEN, "the inter-broker listener "
                    + settings.listenerName() + " authenticates with " + mechanism
                    + ", so its JAAS entry needs username and password");
        }
        return new String[] {jaas.options().get("username"), jaas.options().get("password")};
    }

    public List<String> enabledMechanisms() {
        return settings.get(SASL_ENABLED_MECHANISMS);
    }

    private JaasConfig jaas(String mechanism) {
        String key = jaasKey(mechanism);
        String text = settings.raw(mechanism.toLowerCase() + "." + SASL_JAAS_CONFIG.name());
        if (text == null) {
            text = settings.raw(SASL_JAAS_CONFIG.name());
        }
        if (text == null) {
            return null;
        }
        try {
            return JaasConfig.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, HIDDEN, "not a JAAS entry: " + e.getMessage());
        }
    }

    private String jaasKey(String mechanism) {
        return SecurityConfigKeys.forListener(settings.listenerName(), mechanism.toLowerCase() + ".sasl.jaas.config");
    }
}
