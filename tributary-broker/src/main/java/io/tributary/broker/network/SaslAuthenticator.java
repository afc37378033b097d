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
    private EventLoop eventLoop;
    private String mechanism;
    private SaslServerExchange exchange;
    private volatile boolean rawTokens;

    SaslAuthenticator(SaslServerFactory factory, Session session, long failedDelayMs) {
        this.factory = factory;
        this.session = session;
        this.failedDelayMs = failedDelayMs;
    }

    void attach(EventLoop loop) {
        this.eventLoop = loop;
    }

    List<String> enabledMechanisms() {
        return factory.enabledMechanisms();
    }

    boolean handshakeDone() {
        return exchange != null;
    }

    /** Chooses the mechanism; false when it is not enabled here. Version 0 switches to bare tokens. */
    boolean handshake(String requested, short version) {
        SaslServerExchange created = factory.newExchange(requested);
        if (created == null) {
            return false;
        }
        mechanism = requested;
        exchange = created;
        rawTokens = version == 0;
        return true;
    }

    boolean expectsRawToken() {
        return rawTokens && !session.isAuthenticated();
    }

    /** Evaluates a token; on completion the session is authenticated. */
    byte[] evaluate(byte[] token) throws SaslAuthenticationException {
        byte[] challenge = exchange.evaluate(token);
        if (exchange.isComplete()) {
            session.authenticated(KafkaPrincipal.user(exchange.authorizedUser()));
            rawTokens = false;
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
