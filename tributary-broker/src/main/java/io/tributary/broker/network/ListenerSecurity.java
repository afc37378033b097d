package io.tributary.broker.network;

import io.netty.handler.ssl.SslContext;
import io.tributary.broker.security.SslPrincipalMapper;
import io.tributary.broker.security.acl.Authorizer;
import io.tributary.broker.security.sasl.SaslServerFactory;

/**
 * What a listener's connections must pass before requests are served: TLS (with the mapping of a client
 * certificate to a principal), SASL, both or nothing. Immutable; shared by every connection of the listener.
 *
 * @param sslContext null for a listener without TLS
 * @param principalMapper maps a client certificate's distinguished name to a user name (TLS listeners)
 * @param sasl the listener's SASL mechanisms, null for a listener without SASL
 * @param failedAuthenticationDelayMs how long a failed SASL authentication waits before its answer and close
 * @param reauthenticationMs connections.max.reauth.ms: a SASL authentication's lifetime (KIP-368), 0 for ever
 * @param authorizer decides what the listener's principals may do (the broker's one authorizer)
 */
public record ListenerSecurity(SslContext sslContext, SslPrincipalMapper principalMapper, SaslServerFactory sasl,
                               long failedAuthenticationDelayMs, long reauthenticationMs, Authorizer authorizer) {

    public static final ListenerSecurity PLAINTEXT = new ListenerSecurity(null, null, null, 0, 0, Authorizer.ALLOW_ALL);

    public boolean usesSasl() {
        return sasl != null;
    }

    public boolean usesTls() {
        return sslContext != null;
    }
}
