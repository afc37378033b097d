package io.tributary.broker.replica;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * How this broker connects to another broker's inter-broker listener: plain TCP, or TLS with this broker's own
 * key store, trust store and host-name verification. Immutable and thread-safe; each call opens a new socket.
 */
public final class InterBrokerSecurity {

    public static final InterBrokerSecurity PLAINTEXT = new InterBrokerSecurity(null, List.of(), List.of(), false);

    private final SSLContext tls;
    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final boolean verifyHostName;

    public InterBrokerSecurity(SSLContext tls, List<String> protocols, List<String> cipherSuites, boolean verifyHostName) {
        this.tls = tls;
        this.protocols = List.copyOf(protocols);
        this.cipherSuites = List.copyOf(cipherSuites);
        this.verifyHostName = verifyHostName;
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
