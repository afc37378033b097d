package io.tributary.broker.security.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * SASL/PLAIN (RFC 4616) checked against the users of the listener's PlainLoginModule JAAS entry
 * ({@code user_<name>="<password>"}), as Kafka's PlainServerCallbackHandler does. One token, no challenge.
 */
final class PlainServer implements SaslServerExchange {

    private final Map<String, String> passwords;
    private String user;

    PlainServer(Map<String, String> passwords) {
        this.passwords = passwords;
    }

    @Override
    public byte[] evaluate(byte[] response) throws SaslAuthenticationException {
        if (user != null) {
            throw new SaslAuthenticationException("PLAIN authentication is already complete");
        }
        String message = new String(response, StandardCharsets.UTF_8);
        int first = message.indexOf('\0');
        int second = first < 0 ? -1 : message.indexOf('\0', first + 1);
        if (first < 0 || second < 0 || message.indexOf('\0', second + 1) >= 0) {
            throw new SaslAuthenticationException("Invalid SASL/PLAIN response: expected 3 tokens");
        }
        String authorizationId = message.substring(0, first);
        String userName = message.substring(first + 1, second);
        String password = message.substring(second + 1);
        if (userName.isEmpty()) {
            throw new SaslAuthenticationException("Authentication failed: username not specified");
        }
        if (password.isEmpty()) {
            throw new SaslAuthenticationException("Authentication failed: password not specified");
        }
        if (!authorizationId.isEmpty() && !authorizationId.equals(userName)) {
            throw new SaslAuthenticationException("Authentication failed: Client requested an authorization id "
                    + "that is different from username");
        }
        String expected = passwords.get(userName);
        // Compared in constant time, and a missing user costs the same as a wrong password.
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        byte[] wanted = (expected == null ? "\0missing-user" : expected).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, wanted) || expected == null) {
            throw new SaslAuthenticationException("Authentication failed: Invalid username or password");
        }
        user = userName;
        return new byte[0];
    }

    @Override
    public boolean isComplete() {
        return user != null;
    }

    @Override
    public String authorizedUser() {
        return user;
    }
}
