package io.tributary.broker.replica;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import io.tributary.broker.security.sasl.SaslAuthenticationException;
import io.tributary.broker.security.sasl.SaslClientExchange;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;

/**
 * How this broker connects to another broker's inter-broker listener: plain TCP, or TLS with this broker's own
 * key store, trust store and host-name verification, then SASL when the listener asks for it. Immutable and thread-safe; each call opens a new socket.
 */
public final class InterBrokerSecurity {

    public static final InterBrokerSecurity PLAINTEXT = new InterBrokerSecurity(null, List.of(), List.of(), false, null);

    /** This broker's SASL login on the inter-broker listener: mechanism, user and (secret) password. */
    public record SaslLogin(String mechanism, String user, String password) {
        @Override
        public String toString() {
            return "SaslLogin[" + mechanism + ", " + user + "]"; // never the password
        }
    }

    private final SSLContext tls;
    private final SaslLogin sasl;
    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final boolean verifyHostName;

    public InterBrokerSecurity(SSLContext tls, List<String> protocols, List<String> cipherSuites, boolean verifyHostName,
                               SaslLogin sasl) {
        this.tls = tls;
        this.sasl = sasl;
        this.protocols = List.copyOf(protocols);
        this.cipherSuites = List.copyOf(cipherSuites);
        this.verifyHostName = verifyHostName;
    }

    /**
     * Authenticates a new channel with SASL (SaslHandshake v1, then SaslAuthenticate v1 until done), when the
     * inter-broker listener uses SASL.
     */
    void authenticate(BlockingChannel channel) throws IOException {
        if (sasl == null) {
            return;
        }
        Struct handshake = channel.call(ApiKey.SASL_HANDSHAKE, (short) 1,
                MessageCodec.newRequest(ApiKey.SASL_HANDSHAKE).set("mechanism", sasl.mechanism()));
        Errors error = Errors.forCode(handshake.getShort("error_code"));
        if (error != Errors.NONE) {
            throw new IOException("SASL handshake with " + channel.host() + ":" + channel.port() + " failed: " + error);
        }
        SaslClientExchange exchange = new SaslClientExchange(sasl.mechanism(), sasl.user(), sasl.password());
        byte[] token = exchange.initial();
        try {
            while (token != null) {
                Struct reply = channel.call(ApiKey.SASL_AUTHENTICATE, (short) 1,
                        MessageCodec.newRequest(ApiKey.SASL_AUTHENTICATE).set("auth_bytes", token));
                Errors authError = Errors.forCode(reply.getShort("error_code"));
                if (authError != Errors.NONE) {
                    throw new IOException("SASL authentication of " + sasl.user() + " with " + channel.host() + ":"
                            + channel.port() + " failed: " + reply.getString("error_message"));
                }
                ByteBuffer challenge = reply.getBytes("auth_bytes");
                byte[] bytes = new byte[challenge == null ? 0 : challenge.remaining()];
                if (challenge != null) {
                    challenge.duplicate().get(bytes);
                }
                token = exchange.respond(bytes);
            }
        } catch (SaslAuthenticationException e) {
            throw new IOException("SASL authentication with " + channel.host() + ":" + channel.port() + " failed: "
                    + e.getMessage());
        }
    }

    /** A connected socket, its TLS handshake (if any) done; the caller owns and closes it. */
    Socket connect(String host, int port, int timeoutMs) throws IOException {
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(host, port), timeoutMs);
            plain.setSoTimeout(timeoutMs);
            if (tls == null) {
                return plain;
            }
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters parameters = socket.getSSLParameters();
            if (verifyHostName) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!protocols.isEmpty()) {
                parameters.setProtocols(protocols.toArray(new String[0]));
            }
            if (!cipherSuites.isEmpty()) {
                parameters.setCipherSuites(cipherSuites.toArray(new String[0]));
            }
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }
}
