package io.tributary.broker.security.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server side of SCRAM-SHA-256/512 (RFC 5802, RFC 7677) without channel binding, checked strictly: the
 * client-final message must echo the exact GS2 header and the exact nonce the server sent (client nonce
 * followed by the server's, the check Kafka added for CVE-2024-56128; a final message that repeats the client
 * nonce fails it), and the proof must match the stored key. Not thread-safe: one per authentication.
 */
final class ScramServer implements SaslServerExchange {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CLIENT_FIRST = Pattern.compile("^([ny]),(a=[^,]*)?,(n=([^,]*),r=([^,]+)(,.*)?)$");
    private static final Pattern CLIENT_FINAL = Pattern.compile("^(c=([^,]*),r=([^,]*)(,[^p][^,]*)*),p=([^,]+)$");
    private static final Pattern PRINTABLE = Pattern.compile("^[\\x21-\\x2b\\x2d-\\x7e]+$");

    private enum State { CLIENT_FIRST, CLIENT_FINAL, COMPLETE, FAILED }

    private final ScramMechanism mechanism;
    private final CredentialStore credentials;
    private State state = State.CLIENT_FIRST;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private String user;
    private ScramCredential credential;

    ScramServer(ScramMechanism mechanism, CredentialStore credentials) {
        this.mechanism = mechanism;
        this.credentials = credentials;
    }

    @Override
    public byte[] evaluate(byte[] response) throws SaslAuthenticationException {
        try {
            return switch (state) {
                case CLIENT_FIRST -> clientFirst(new String(response, StandardCharsets.UTF_8));
                case CLIENT_FINAL -> clientFinal(new String(response, StandardCharsets.UTF_8));
                default -> throw new SaslAuthenticationException("Unexpected SCRAM message after authentication ended");
            };
        } catch (SaslAuthenticationException e) {
            state = State.FAILED;
            throw e;
        }
    }

    private byte[] clientFirst(String message) throws SaslAuthenticationException {
        Matcher m = CLIENT_FIRST.matcher(message);
        if (!m.matches()) {
            throw invalid("Invalid SCRAM client first message");
        }
        String authorizationId = m.group(2) == null ? null : decodeName(m.group(2).substring(2));
        String userName = decodeName(m.group(4));
        String clientNonce = m.group(5);
        if (!PRINTABLE.matcher(clientNonce).matches()) {
            throw invalid("Invalid SCRAM client nonce");
        }
        if (m.group(6) != null) {
            for (String extension : m.group(6).substring(1).split(",")) {
                if (extension.startsWith("m=") || extension.startsWith("tokenauth=")) {
                    // Mandatory extensions and delegation tokens are not supported.
                    throw invalid("Unsupported SCRAM extension");
                }
            }
        }
        if (authorizationId != null && !authorizationId.isEmpty() && !authorizationId.equals(userName)) {
            throw new SaslAuthenticationException("Authentication failed: Client requested an authorization id "
                    + "that is different from username");
        }
        ScramCredential found = credentials.credential(userName, mechanism);
        if (found == null) {
            throw invalid("unknown user");
        }
        gs2Header = message.substring(0, m.start(3));
        clientFirstBare = m.group(3);
        user = userName;
        credential = found;
        byte[] serverNonce = new byte[24];
        RANDOM.nextBytes(serverNonce);
        nonce = clientNonce + Base64.getUrlEncoder().withoutPadding().encodeToString(serverNonce);
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(credential.salt()) + ",i="
                + credential.iterations();
        state = State.CLIENT_FINAL;
        return serverFirst.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] clientFinal(String message) throws SaslAuthenticationException {
        Matcher m = CLIENT_FINAL.matcher(message);
        if (!m.matches()) {
            throw invalid("Invalid SCRAM client final message");
        }
        byte[] channelBinding = decodeBase64(m.group(2));
        if (!new String(channelBinding, StandardCharsets.UTF_8).equals(gs2Header)) {
            throw invalid("Invalid SCRAM channel binding");
        }
        if (!m.group(3).equals(nonce)) {
            throw invalid("Invalid client nonce in the final client message");
        }
        byte[] proof = decodeBase64(m.group(5));
        String authMessage = clientFirstBare + "," + serverFirst + "," + m.group(1);
        byte[] authBytes = authMessage.getBytes(StandardCharsets.UTF_8);
        byte[] clientSignature = mechanism.hmac(credential.storedKey(), authBytes);
        if (proof.length != clientSignature.length) {
            throw invalid("Invalid SCRAM client proof");
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (!MessageDigest.isEqual(mechanism.hash(clientKey), credential.storedKey())) {
            throw invalid("Invalid SCRAM client proof");
        }
        byte[] serverSignature = mechanism.hmac(credential.serverKey(), authBytes);
        state = State.COMPLETE;
        return ("v=" + Base64.getEncoder().encodeToString(serverSignature)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Kafka answers every SCRAM failure with one message, so a client cannot tell an unknown user from a wrong
     * password; the reason stays on the server.
     */
    private SaslAuthenticationException invalid(String reason) {
        return new SaslAuthenticationException("Authentication failed during authentication due to invalid "
                + "credentials with SASL mechanism " + mechanism.mechanismName(), reason);
    }

    private SaslAuthenticationException invalidName() {
        return invalid("Invalid SCRAM user name");
    }

    /** RFC 5802 saslname: "=2C" is ',' and "=3D" is '='; any other '=' is invalid. */
    private String decodeName(String name) throws SaslAuthenticationException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '=') {
                if (name.startsWith("=2C", i)) {
                    out.append(',');
                } else if (name.startsWith("=3D", i)) {
                    out.append('=');
                } else {
                    throw invalidName();
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        if (out.isEmpty()) {
            throw invalidName();
        }
        return out.toString();
    }

    private byte[] decodeBase64(String text) throws SaslAuthenticationException {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid("Invalid base64 in the SCRAM client final message");
        }
    }

    @Override
    public boolean isComplete() {
        return state == State.COMPLETE;
    }

    @Override
    public String authorizedUser() {
        return state == State.COMPLETE ? user : null;
    }
}
