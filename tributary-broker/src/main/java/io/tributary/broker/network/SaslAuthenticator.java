package io.tributary.broker.network;

import io.netty.channel.EventLoop;
import io.tributary.broker.security.KafkaPrincipal;
import io.tributary.broker.security.sasl.SaslAuthenticationException;
import io.tributary.broker.security.sasl.SaslServerExchange;
import io.tributary.broker.security.sasl.SaslServerFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SASL connection's authentication: SaslHandshake picks the mechanism, then tokens arrive either in
 * SaslAuthenticate requests (handshake v1) or bare (handshake v0, as kafka-python sends them). On success the
 * session gets its principal; on failure the connection is closed after connection.failed.authentication.delay.ms.
 *
 * <p>Threading: tokens and handshakes run on the connection's serial request executor, one at a time; only
 * {@link #expectsRawToken()} is read from the event loop, hence volatile.
 */
final class SaslAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(SaslAuthenticator.class);

    private final SaslServerFactory factory;
    private final Session session;
    private final long failedDelayMs;
    private final long reauthMs;
    private EventLoop eventLoop;
    private String mechanism;
    private SaslServerExchange exchange;
    private boolean reauthenticating;
    private volatile boolean rawTokens;
    private volatile long expiresAtNanos = Long.MAX_VALUE;

    /** @param reauthMs connections.max.reauth.ms: how long an authentication lasts (KIP-368); 0 for ever */
    SaslAuthenticator(SaslServerFactory factory, Session session, long failedDelayMs, long reauthMs) {
        this.factory = factory;
        this.session = session;
        this.failedDelayMs = failedDelayMs;
        this.reauthMs = reauthMs;
    }

    void attach(EventLoop loop) {
        this.eventLoop = loop;
    }

    List<String> enabledMechanisms() {
        return factory.enabledMechanisms();
    }

    /**
     * A handshake is in place first, and again to re-authenticate (KIP-368, handshake v1) once the previous
     * authentication completed and connections.max.reauth.ms is set.
     */
    boolean mayHandshake(short version) {
        if (exchange == null) {
            return true;
        }
        return reauthMs > 0 && version >= 1 && exchange.isComplete() && session.isAuthenticated();
    }

    /** Whether SaslAuthenticate is in place: a handshake chose a mechanism and its exchange is not complete. */
    boolean mayAuthenticate() {
        return exchange != null && !exchange.isComplete();
    }

    /**
     * Chooses the mechanism; false when it is not enabled here (or, re-authenticating, differs from the first).
     * Version 0 switches to bare tokens.
     */
    boolean handshake(String requested, short version) {
        boolean again = exchange != null;
        if (again && !requested.equals(mechanism)) {
            return false;
        }
        SaslServerExchange created = factory.newExchange(requested);
        if (created == null) {
            return false;
        }
        mechanism = requested;
        exchange = created;
        reauthenticating = again;
        rawTokens = version == 0;
        return true;
    }

    /** How long the authentication lasts, for SaslAuthenticate v1+'s session_lifetime_ms; 0 for ever. */
    long sessionLifetimeMs() {
        return reauthMs;
    }

    /** Whether the authentication has outlived connections.max.reauth.ms without a re-authentication. */
    boolean expired(long nowNanos) {
        return nowNanos - expiresAtNanos > 0;
    }

    boolean expectsRawToken() {
        return rawTokens && !session.isAuthenticated();
    }

    /**
     * Evaluates a token; on completion the session is authenticated until {@code nowNanos} plus
     * connections.max.reauth.ms. A re-authentication must prove the same principal, as in Kafka.
     */
    byte[] evaluate(byte[] token, long nowNanos) throws SaslAuthenticationException {
        byte[] challenge = exchange.evaluate(token);
        if (exchange.isComplete()) {
            KafkaPrincipal principal = KafkaPrincipal.user(exchange.authorizedUser());
            if (reauthenticating && !principal.equals(session.principal())) {
                throw new SaslAuthenticationException("Cannot change principals during re-authentication from "
                        + session.principal() + ": " + principal);
            }
            session.authenticated(principal);
            rawTokens = false;
            reauthenticating = false;
            expiresAtNanos = reauthMs > 0 ? nowNanos + TimeUnit.MILLISECONDS.toNanos(reauthMs) : Long.MAX_VALUE;
        }
        return challenge;
    }

    String mechanism() {
        return mechanism;
    }

    /** Runs {@code action} (send the failure, close) after the configured delay, logging one line without secrets. */
    void failLater(String peer, SaslAuthenticationException failure, Runnable action) {
        log.warn("Failed authentication with {} on listener {} ({}): {}", peer, session.listenerName(), mechanism,
                failure.reason());
        if (failedDelayMs <= 0 || eventLoop == null) {
            action.run();
        } else {
            eventLoop.schedule(action, failedDelayMs, TimeUnit.MILLISECONDS);
        }
    }
}
