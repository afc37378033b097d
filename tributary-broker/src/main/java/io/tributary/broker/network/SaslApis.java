package io.tributary.broker.network;

import io.tributary.broker.security.sasl.SaslAuthenticationException;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SaslHandshake (v0–1) and SaslAuthenticate (v0–2), answered from the connection's {@link SaslAuthenticator}.
 * On a listener without SASL both are out of place (ILLEGAL_SASL_STATE), as in Kafka. Stateless; thread-safe.
 */
public final class SaslApis {

    private static final Logger log = LoggerFactory.getLogger(SaslApis.class);

    private SaslApis() {
    }

    public static RequestHandler handshake() {
        return SaslApis::handleHandshake;
    }

    public static RequestHandler authenticate() {
        return SaslApis::handleAuthenticate;
    }

    private static void handleHandshake(RequestContext context, Struct request, Responder responder) {
        SaslAuthenticator sasl = context.session().sasl();
        Struct response = new Struct(context.api().spec().response());
        if (sasl == null || !sasl.mayHandshake(context.version())) {
            response.set("error_code", Errors.ILLEGAL_SASL_STATE.code()).set("mechanisms", List.of());
            log.warn("Closing connection from {}: unexpected SaslHandshake on listener {}", context.clientAddress(),
                    context.listenerName());
            sendThenClose(responder, response);
            return;
        }
        response.set("mechanisms", new ArrayList<Object>(sasl.enabledMechanisms()));
        String mechanism = request.getString("mechanism");
        if (!sasl.handshake(mechanism, context.version())) {
            log.warn("Closing connection from {}: SASL mechanism {} is not enabled on listener {}",
                    context.clientAddress(), mechanism, context.listenerName());
            sendThenClose(responder, response.set("error_code", Errors.UNSUPPORTED_SASL_MECHANISM.code()));
            return;
        }
        responder.send(response.set("error_code", Errors.NONE.code()));
    }

    private static void handleAuthenticate(RequestContext context, Struct request, Responder responder) {
        SaslAuthenticator sasl = context.session().sasl();
        Struct response = new Struct(context.api().spec().response());
        if (sasl == null || !sasl.mayAuthenticate()) {
            log.warn("Closing connection from {}: SaslAuthenticate out of place on listener {}",
                    context.clientAddress(), context.listenerName());
            sendThenClose(responder, response.set("error_code", Errors.ILLEGAL_SASL_STATE.code())
                    .set("error_message", "Unexpected SaslAuthenticate request"));
            return;
        }
        ByteBuffer bytes = request.getBytes("auth_bytes");
        byte[] token = new byte[bytes == null ? 0 : bytes.remaining()];
        if (bytes != null) {
            bytes.duplicate().get(token);
        }
        try {
            byte[] challenge = sasl.evaluate(token, context.receivedNanos());
            response.set("error_code", Errors.NONE.code()).set("auth_bytes", challenge);
            if (context.version() >= 1 && context.session().isAuthenticated() && !sasl.mayAuthenticate()) {
                response.set("session_lifetime_ms", sasl.sessionLifetimeMs());
            }
            responder.send(response);
        } catch (SaslAuthenticationException e) {
            Struct failed = response.set("error_code", Errors.SASL_AUTHENTICATION_FAILED.code())
                    .set("error_message", e.getMessage());
            sasl.failLater(String.valueOf(context.clientAddress()), e, () -> sendThenClose(responder, failed));
        }
    }

    /** A bare token after SaslHandshake v0: answered bare, a failure closes the connection after the delay. */
    static void handleRawToken(SaslAuthenticator sasl, String peer, byte[] token, long nowNanos, ResponseSlot slot) {
        try {
            slot.sendRaw(sasl.evaluate(token, nowNanos));
        } catch (SaslAuthenticationException e) {
            sasl.failLater(peer, e, () -> slot.closeConnection("authentication failed"));
        }
    }

    private static void sendThenClose(Responder responder, Struct response) {
        if (responder instanceof ResponseSlot slot) {
            slot.sendThenClose(response);
        } else {
            responder.send(response);
        }
    }
}
