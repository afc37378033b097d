package io.tributary.broker.network;

import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.config.SecurityProtocol;
import io.tributary.broker.security.KafkaPrincipal;
import io.tributary.broker.security.acl.AclOperation;
import io.tributary.broker.security.acl.Authorizer;
import io.tributary.broker.security.acl.ResourceType;

/**
 * One connection's security state: the listener it came in on and the principal it has proven to be. The
 * principal is set once TLS or SASL authentication completes; a connection's requests run one at a time,
 * and the field is volatile because the event loop and the request-handler threads both read it.
 */
public final class Session {

    private final String listenerName;
    private final SecurityProtocol securityProtocol;
    private volatile KafkaPrincipal principal;
    private SaslAuthenticator sasl;
    private Authorizer authorizer = Authorizer.ALLOW_ALL;

    public Session(String listenerName, SecurityProtocol securityProtocol, KafkaPrincipal principal) {
        this.listenerName = listenerName;
        this.securityProtocol = securityProtocol;
        this.principal = principal;
    }

    /** A new connection's session: SASL listeners start unauthenticated, with their own authenticator. */
    static Session of(Endpoint listener, ListenerSecurity security) {
        Session session = new Session(listener.listenerName(), listener.securityProtocol(),
                security.usesSasl() ? null : KafkaPrincipal.ANONYMOUS);
        if (security.usesSasl()) {
            session.sasl = new SaslAuthenticator(security.sasl(), session, security.failedAuthenticationDelayMs(),
                    security.reauthenticationMs());
        }
        session.authorizer = security.authorizer();
        return session;
    }

    /** The connection's SASL authentication, or null on a listener without SASL. */
    SaslAuthenticator sasl() {
        return sasl;
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

    /** Whether this session's principal, from {@code host}, may do the operation on the resource. */
    public boolean isAuthorized(String host, AclOperation operation, ResourceType type, String name) {
        KafkaPrincipal who = principal;
        return who != null && authorizer.authorize(who, host, operation, type, name);
    }

    /** Whether the principal may do the operation on some resource of the type. */
    public boolean isAuthorizedOnAny(String host, AclOperation operation, ResourceType type) {
        KafkaPrincipal who = principal;
        return who != null && authorizer.authorizeAny(who, host, operation, type);
    }

    /** Whether ACLs are enforced at all (an authorizer is configured). */
    public boolean enforcesAcls() {
        return authorizer.enforcing();
    }

    public boolean isAuthenticated() {
        return principal != null;
    }

    void authenticated(KafkaPrincipal who) {
        this.principal = who;
    }
}
