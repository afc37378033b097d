package io.tributary.broker.security.sasl;

/**
 * The server side of one SASL authentication: evaluates each client token and returns the challenge to send
 * back. Not thread-safe; a connection's tokens arrive one at a time.
 */
public interface SaslServerExchange {

    /** Evaluates the client's next token; returns the server's reply (may be empty). */
    byte[] evaluate(byte[] response) throws SaslAuthenticationException;

    boolean isComplete();

    /** The authenticated user name, once complete. */
    String authorizedUser();
}
