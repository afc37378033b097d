package io.tributary.broker.security.sasl;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the broker keeps of a SCRAM password (RFC 5802): salt, iterations, StoredKey and ServerKey, never the
 * password. Stored in ZooKeeper as Kafka 2.x does: {@code salt=<b64>,stored_key=<b64>,server_key=<b64>,iterations=<n>}
 * under the mechanism name in {@code /config/users/<user>}. Immutable.
 */
public record ScramCredential(byte[] salt, byte[] storedKey, byte[] serverKey, int iterations) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Derives the credential of a password, with a fresh random salt. */
    public static ScramCredential fromPassword(ScramMechanism mechanism, String password, int iterations) {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        return fromPassword(mechanism, password, salt, iterations);
    }

    public static ScramCredential fromPassword(ScramMechanism mechanism, String password, byte[] salt, int iterations) {
        return fromSaltedPassword(mechanism, mechanism.saltedPassword(password, salt, iterations), salt, iterations);
    }

    /** From SaltedPassword = Hi(password, salt, i), as AlterUserScramCredentials carries it. */
    public static ScramCredential fromSaltedPassword(ScramMechanism mechanism, byte[] salted, byte[] salt, int iterations) {
        byte[] clientKey = mechanism.hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] serverKey = mechanism.hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        return new ScramCredential(salt, mechanism.hash(clientKey), serverKey, iterations);
    }

    /** Kafka 2.x's text form, as written to /config/users/&lt;user&gt;. */
    public String toZkText() {
        Base64.Encoder b64 = Base64.getEncoder();
        return "salt=" + b64.encodeToString(salt) + ",stored_key=" + b64.encodeToString(storedKey)
                + ",server_key=" + b64.encodeToString(serverKey) + ",iterations=" + iterations;
    }

    /** Parses Kafka 2.x's text form; throws IllegalArgumentException when it is not one. */
    public static ScramCredential fromZkText(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not a SCRAM credential");
            }
            fields.put(part.substring(0, eq), part.substring(eq + 1));
        }
        Base64.Decoder b64 = Base64.getDecoder();
        try {
            return new ScramCredential(b64.decode(fields.get("salt")), b64.decode(fields.get("stored_key")),
                    b64.decode(fields.get("server_key")), Integer.parseInt(fields.get("iterations")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a SCRAM credential", e);
        }
    }
}
