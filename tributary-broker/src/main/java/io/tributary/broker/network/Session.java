package io.tributary.broker.network;

import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.config.SecurityProtocol;
import io.tributary.broker.security.KafkaPrincipal;

/**
 * One connection's security state: the listener it came in on and the principal it has proven to be. The
 * principal is set once TLS or SASL authentication completes; a connection's requests run one at a time,
 * and the field is volatile because the event loop and the request-handler threads both read it.
 */
public final class Session {

    private final String listenerName;
    private final SecurityProtocol securityProtocol;
    private volatile KafkaPrincipal principal;

    public Session(String listenerName, SecurityProtocol securityProtocol, KafkaPrincipal principal) {
        this.listenerName = listenerName;
        this.securityProtocol = securityProtocol;
        this.principal = principal;
    }

    static Session of(Endpoint listener) {
        return new Session(listener.listenerName(), listener.securityProtocol(),
                listener.securityProtocol().usesSasl() ? null : KafkaPrincipal.ANONYMOUS);
    }

    /** A session that is not a network connection's (tests, in-process calls): PLAINTEXT, anonymous. */
    public static Session plaintext(String listenerName) {
        return new Session(listenerName, SecurityProtocol.PLAINTEXT, KafkaPrincipal.ANONYMOUS);
    }

    public String listenerName() {
        return listenerName;
    }

    public SecurityProtocol securityProtocol() {
        return securityProtocol;
    }

    /** The authenticated principal, or null while SASL authentication has not completed. */
    public KafkaPrincipal principal() {
        return principal;
    }

    public boolean isAuthenticated() {
        return principal != null;
    }

    void authenticated(KafkaPrincipal who) {
        this.principal = who;
    }
}
