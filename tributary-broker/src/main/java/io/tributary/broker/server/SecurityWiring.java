package io.tributary.broker.server;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.ConfigException;
import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.config.SecurityConfigKeys;
import io.tributary.broker.network.ListenerSecurity;
import io.tributary.broker.replica.InterBrokerSecurity;
import io.tributary.broker.security.ListenerSettings;
import io.tributary.broker.security.SaslSettings;
import io.tributary.broker.security.SslFactory;
import io.tributary.broker.security.SslPrincipalMapper;
import io.tributary.broker.security.acl.Authorizer;
import io.tributary.broker.security.sasl.CredentialStore;
import io.tributary.broker.security.sasl.SaslServerFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds, once at start-up, what each listener's connections must pass (TLS contexts, principal mapping, SASL
 * mechanisms) and how this broker itself connects on the inter-broker listener. Every key store and JAAS entry
 * is read here, so a bad path, password or mechanism fails start-up naming its key before any port is bound.
 */
final class SecurityWiring {

    private final Map<String, ListenerSecurity> listeners = new LinkedHashMap<>();
    private final InterBrokerSecurity interBroker;

    SecurityWiring(BrokerConfig config, CredentialStore scramCredentials, Authorizer authorizer) {
        long failedDelayMs = config.get(SecurityConfigKeys.CONNECTION_FAILED_AUTHENTICATION_DELAY_MS);
        Map<String, SslFactory> sslFactories = new LinkedHashMap<>();
        for (Endpoint listener : config.listeners()) {
            ListenerSettings settings = new ListenerSettings(listener.listenerName(), config.values());
            SslFactory ssl = null;
            if (listener.securityProtocol().usesTls()) {
                ssl = new SslFactory(settings);
                sslFactories.put(listener.listenerName(), ssl);
            }
            SaslServerFactory sasl = listener.securityProtocol().usesSasl()
                    ? new SaslSettings(settings).serverFactory(scramCredentials) : null;
            listeners.put(listener.listenerName(), new ListenerSecurity(ssl == null ? null : ssl.serverContext(),
                    ssl == null ? null : principalMapper(settings), sasl, failedDelayMs,
                    settings.get(SecurityConfigKeys.CONNECTIONS_MAX_REAUTH_MS), authorizer));
        }
        Endpoint interBrokerListener = config.interBrokerListener();
        SslFactory interBrokerSsl = sslFactories.get(interBrokerListener.listenerName());
        InterBrokerSecurity.SaslLogin login = interBrokerListener.securityProtocol().usesSasl()
                ? saslLogin(config, new SaslSettings(new ListenerSettings(interBrokerListener.listenerName(),
                config.values()))) : null;
        this.interBroker = interBrokerSsl == null && login == null ? InterBrokerSecurity.PLAINTEXT
                : new InterBrokerSecurity(interBrokerSsl == null ? null : interBrokerSsl.clientContext(),
                        interBrokerSsl == null ? java.util.List.of() : interBrokerSsl.enabledProtocols(),
                        interBrokerSsl == null ? java.util.List.of() : interBrokerSsl.cipherSuites(),
                        interBrokerSsl != null && interBrokerSsl.verifiesHostNames(), login);
    }

    private static InterBrokerSecurity.SaslLogin saslLogin(BrokerConfig config, SaslSettings sasl) {
        String key = SecurityConfigKeys.SASL_MECHANISM_INTER_BROKER_PROTOCOL.name();
        String mechanism = config.get(SecurityConfigKeys.SASL_MECHANISM_INTER_BROKER_PROTOCOL);
        if (!SaslServerFactory.isSupported(mechanism) || !sasl.enabledMechanisms().contains(mechanism)) {
            throw new ConfigException(key, mechanism, "must be a mechanism enabled on the inter-broker listener ("
                    + sasl.enabledMechanisms() + ") and served by this broker (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512)");
        }
        String[] userAndPassword = sasl.login(mechanism);
        return new InterBrokerSecurity.SaslLogin(mechanism, userAndPassword[0], userAndPassword[1]);
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
