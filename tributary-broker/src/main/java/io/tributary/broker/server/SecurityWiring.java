package io.tributary.broker.server;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.ConfigException;
import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.config.SecurityConfigKeys;
import io.tributary.broker.network.ListenerSecurity;
import io.tributary.broker.replica.InterBrokerSecurity;
import io.tributary.broker.security.ListenerSettings;
import io.tributary.broker.security.SslFactory;
import io.tributary.broker.security.SslPrincipalMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds, once at start-up, what each listener's connections must pass (TLS contexts, principal mapping) and how
 * this broker itself connects on the inter-broker listener. Every key store is opened here, so a bad path or
 * password fails start-up naming its key before any port is bound.
 */
final class SecurityWiring {

    private final Map<String, ListenerSecurity> listeners = new LinkedHashMap<>();
    private final InterBrokerSecurity interBroker;

    SecurityWiring(BrokerConfig config) {
        Map<String, SslFactory> sslFactories = new LinkedHashMap<>();
        for (Endpoint listener : config.listeners()) {
            ListenerSettings settings = new ListenerSettings(listener.listenerName(), config.values());
            if (!listener.securityProtocol().usesTls()) {
                listeners.put(listener.listenerName(), ListenerSecurity.PLAINTEXT);
                continue;
            }
            SslFactory ssl = new SslFactory(settings);
            sslFactories.put(listener.listenerName(), ssl);
            listeners.put(listener.listenerName(), new ListenerSecurity(ssl.serverContext(), principalMapper(settings)));
        }
        SslFactory interBrokerSsl = sslFactories.get(config.interBrokerListenerName());
        this.interBroker = interBrokerSsl == null ? InterBrokerSecurity.PLAINTEXT
                : new InterBrokerSecurity(interBrokerSsl.clientContext(), interBrokerSsl.enabledProtocols(),
                        interBrokerSsl.cipherSuites(), interBrokerSsl.verifiesHostNames());
    }

    private static SslPrincipalMapper principalMapper(ListenerSettings settings) {
        String rules = settings.get(SecurityConfigKeys.SSL_PRINCIPAL_MAPPING_RULES);
        try {
            return SslPrincipalMapper.parse(rules);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(settings.sourceOf(SecurityConfigKeys.SSL_PRINCIPAL_MAPPING_RULES), rules, e.getMessage());
        }
    }

    ListenerSecurity listener(String name) {
        return listeners.get(name);
    }

    InterBrokerSecurity interBroker() {
        return interBroker;
    }
}
