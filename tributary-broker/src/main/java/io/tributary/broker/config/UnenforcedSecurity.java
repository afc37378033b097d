package io.tributary.broker.config;

import io.tributary.broker.config.Listeners.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fails closed: a broker must never serve a listener with less security than its configuration asks for. Any
 * security protocol, security key or authorizer this broker does not enforce stops start-up with a message
 * naming the key, instead of being ignored while the port serves everyone in plain text.
 */
final class UnenforcedSecurity {

    /** Protocols whose listeners this broker can serve with the security their name promises. */
    private static final Set<SecurityProtocol> ENFORCED_PROTOCOLS = Set.of(SecurityProtocol.PLAINTEXT,
            SecurityProtocol.SSL, SecurityProtocol.SASL_PLAINTEXT, SecurityProtocol.SASL_SSL);

    /** SASL mechanisms whose per-mechanism JAAS key (listener.name.&lt;l&gt;.&lt;mechanism&gt;.sasl.jaas.config) is read. */
    private static final List<String> MECHANISMS = List.of("plain", "scram-sha-256", "scram-sha-512");

    /** The authorizer class names this broker serves with its ACL authorizer. */
    private static final Set<String> AUTHORIZERS = SecurityConfigKeys.AUTHORIZER_ALIASES;

    /** Key prefixes of security features not enforced yet. */
    private static final List<String> UNENFORCED_PREFIXES = List.of("ssl.", "sasl.", "listener.name.",
            "delegation.token.");

    /** Whole keys of security features not enforced yet. */
    private static final Set<String> UNENFORCED_KEYS = Set.of("principal.builder.class", "security.providers");

    private UnenforcedSecurity() {
    }

    /** A declared TLS key, broker-wide or in the listener.name.&lt;l&gt;. form of a configured listener. */
    private static boolean isEnforced(String key, List<Endpoint> listeners) {
        List<ConfigKey<?>> perListener = new java.util.ArrayList<>(SecurityConfigKeys.SSL);
        perListener.add(SecurityConfigKeys.SASL_ENABLED_MECHANISMS);
        perListener.add(SecurityConfigKeys.SASL_JAAS_CONFIG);
        perListener.add(SecurityConfigKeys.CONNECTIONS_MAX_REAUTH_MS);
        if (perListener.stream().anyMatch(k -> k.name().equals(key)) || SecurityConfigKeys.ALL.stream()
                .anyMatch(k -> k.name().equals(key))) {
            return true;
        }
        for (Endpoint listener : listeners) {
            for (ConfigKey<?> declared : perListener) {
                if (key.equals(SecurityConfigKeys.forListener(listener.listenerName(), declared.name()))) {
                    return true;
                }
            }
            for (String mechanism : MECHANISMS) {
                if (key.equals(SecurityConfigKeys.forListener(listener.listenerName(), mechanism + ".sasl.jaas.config"))) {
                    return true;
                }
            }
        }
        return false;
    }

    static void check(Map<String, String> raw, List<Endpoint> listeners) {
        String authorizer = raw.getOrDefault(SecurityConfigKeys.AUTHORIZER_CLASS_NAME.name(), "").trim();
        if (!authorizer.isEmpty() && !AUTHORIZERS.contains(authorizer)) {
            throw new ConfigException(SecurityConfigKeys.AUTHORIZER_CLASS_NAME.name(), authorizer,
                    "this broker enforces ACLs with its own authorizer, configured as one of " + AUTHORIZERS);
        }
        for (Endpoint listener : listeners) {
            if (!ENFORCED_PROTOCOLS.contains(listener.securityProtocol())) {
                throw new ConfigException("listeners", listener, "security protocol " + listener.securityProtocol()
                        + " is not supported by this broker; it serves only " + ENFORCED_PROTOCOLS);
            }
        }
        for (String key : new TreeSet<>(raw.keySet())) {
            if (isEnforced(key, listeners)) {
                continue;
            }
            if (UNENFORCED_KEYS.contains(key) || UNENFORCED_PREFIXES.stream().anyMatch(key::startsWith)) {
                throw new ConfigException("Configuration " + key + " is not enforced by this broker; remove it "
                        + "rather than run with less security than it asks for");
            }
        }
    }
}
