package io.tributary.broker.security.sasl;

/**
 * Authentication failed. The message is sent to the client as the SaslAuthenticate error message, so it
 * says what Kafka says; the reason is for the broker's one log line. Neither ever includes a password or token.
 */
public final class SaslAuthenticationException extends Exception {

    private final String reason;

    public SaslAuthenticationException(String message) {
        this(message, message);
    }

    public SaslAuthenticationException(String message, String reason) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
