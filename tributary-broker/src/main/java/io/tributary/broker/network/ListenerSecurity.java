package io.tributary.broker.network;

import io.netty.handler.ssl.SslContext;
import io.tributary.broker.security.SslPrincipalMapper;

/**
 * What a listener's connections must pass before requests are served: TLS (with the mapping of a client
 * certificate to a principal) or nothing. Immutable; shared by every connection of the listener.
 *
 * @param sslContext null for a listener without TLS
 * @param principalMapper maps a client certificate's distinguished name to a user name (TLS listeners)
 */
public record ListenerSecurity(SslContext sslContext, SslPrincipalMapper principalMapper) {

    public static final ListenerSecurity PLAINTEXT = new ListenerSecurity(null, null);

    public boolean usesTls() {
        return sslContext != null;
    }
}
