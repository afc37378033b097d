package io.tributary.broker.network;

import io.tributary.broker.security.KafkaPrincipal;
import io.tributary.broker.security.SslPrincipalMapper;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;

/** The principal of a TLS connection, as Kafka's default principal builder makes it: the client certificate's DN. */
final class TlsPrincipal {

    private TlsPrincipal() {
    }

    /** {@code User:<mapped DN>} when the client presented a certificate, else ANONYMOUS. */
    static KafkaPrincipal of(SSLEngine engine, SslPrincipalMapper mapper) {
        try {
            Certificate[] chain = engine.getSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate certificate) {
                return KafkaPrincipal.user(mapper.userName(certificate.getSubjectX500Principal().getName()));
            }
        } catch (SSLPeerUnverifiedException e) {
            // no client certificate (ssl.client.auth none or requested)
        }
        return KafkaPrincipal.ANONYMOUS;
    }
}
