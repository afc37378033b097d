package io.tributary.broker.security.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The client side of PLAIN or SCRAM, used when this broker authenticates to another on a SASL inter-broker
 * listener. Not thread-safe: one per connection attempt.
 */
public final class SaslClientExchange {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String mechanism;
    private final String user;
    private final String password;
    private final ScramMechanism scram;
    private final String fixedNonce;
    private String clientFirstBare;
    private String nonce;
    private byte[] expectedServerSignature;
    private int step;

    public SaslClientExchange(String mechanism, String user, String password) {
        this(mechanism, user, password, null);
    }

    /** With a given client nonce instead of a random one: for test vectors. */
    SaslClientExchange(String mechanism, String user, String password, String fixedNonce) {
        this.fixedNonce = fixedNonce;
        this.mechanism = mechanism;
        this.user = user;
        this.password = password;
        this.scram = ScramMechanism.forName(mechanism);
    }

    public String mechanism() {
        return mechanism;
    }

    /** The first token to send. */
    public byte[] initial() {
        step = 1;
        if (scram == null) {
            return ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
        }
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        nonce = fixedNonce != null ? fixedNonce : Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        clientFirstBare = "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + nonce;
        return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    /** The reply to the server's challenge, or null when the exchange is complete (server verified). */
    public byte[] respond(byte[] challenge) throws SaslAuthenticationException {
        if (scram == null) {
            return null;
        }
        String text = new String(challenge, StandardCharsets.UTF_8);
        if (step == 1) {
            step = 2;
            Map<String, String> fields = fields(text);
            String serverNonce = fields.get("r");
            if (serverNonce == null || !serverNonce.startsWith(nonce) || serverNonce.length() == nonce.length()) {
                throw new SaslAuthenticationException("the server's SCRAM nonce does not extend ours");
            }
            byte[] salt = Base64.getDecoder().decode(fields.get("s"));
            int iterations = Integer.parseInt(fields.get("i"));
            byte[] salted = scram.saltedPassword(password, salt, iterations);
            byte[] clientKey = scram.hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
            byte[] storedKey = scram.hash(clientKey);
            String withoutProof = "c=biws,r=" + serverNonce;
            byte[] authMessage = (clientFirstBare + "," + text + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
            byte[] signature = scram.hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ signature[i]);
            }
            byte[] serverKey = scram.hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
            expectedServerSignature = scram.hmac(serverKey, authMessage);
            return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
        }
        String verifier = fields(text).get("v");
        if (verifier == null || !MessageDigest.isEqual(Base64.getDecoder().decode(verifier), expectedServerSignature)) {
            throw new SaslAuthenticationException("the server's SCRAM signature is wrong");
        }
        return null;
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String part : text.split(",")) {
            if (part.length() > 2 && part.charAt(1) == '=') {
                fields.put(part.substring(0, 1), part.substring(2));
            }
        }
        return fields;
    }
}
