package io.tributary.broker.security;

import static io.tributary.broker.config.SecurityConfigKeys.*;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.tributary.broker.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds one listener's TLS contexts from Kafka's {@code ssl.*} keys: the server side that accepts clients
 * (Netty's SslHandler on the JDK engine) and the client side this broker uses towards other brokers on the
 * inter-broker listener. Everything is loaded at start-up, so a missing file or wrong password fails start-up
 * with the key's name; secrets never appear in a message. Immutable once built.
 */
public final class SslFactory {

    private static final String HIDDEN = "[hidden]";

    private final ListenerSettings settings;
    private final KeyManagerFactory keyManagers;
    private final TrustManagerFactory trustManagers;

    public SslFactory(ListenerSettings settings) {
        this.settings = settings;
        this.keyManagers = loadKeyManagers();
        this.trustManagers = loadTrustManagers();
    }

    /** The context that accepts TLS clients on this listener. */
    public SslContext serverContext() {
        if (keyManagers == null) {
            throw new ConfigException(settings.sourceOf(SSL_KEYSTORE_LOCATION), null,
                    "listener " + settings.listenerName() + " uses TLS and needs a key store with its certificate");
        }
        ClientAuth clientAuth = switch (settings.get(SSL_CLIENT_AUTH)) {
            case "required" -> ClientAuth.REQUIRE;
            case "requested" -> ClientAuth.OPTIONAL;
            default -> ClientAuth.NONE;
        };
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(keyManagers).sslProvider(SslProvider.JDK)
                    .clientAuth(clientAuth).protocols(settings.get(SSL_ENABLED_PROTOCOLS));
            if (trustManagers != null) {
                builder.trustManager(trustManagers);
            }
            List<String> ciphers = settings.get(SSL_CIPHER_SUITES);
            if (!ciphers.isEmpty()) {
                builder.ciphers(ciphers);
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigException(settings.sourceOf(SSL_ENABLED_PROTOCOLS), settings.get(SSL_ENABLED_PROTOCOLS),
                    "the TLS settings of listener " + settings.listenerName() + " are not usable: " + e.getMessage());
        }
    }

    /** The JDK context this broker connects to other brokers with (replication, controlled shutdown). */
    public SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance(settings.get(SSL_PROTOCOL));
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(),
                    trustManagers == null ? null : trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException(settings.sourceOf(SSL_PROTOCOL), settings.get(SSL_PROTOCOL), e.getMessage());
        }
    }

    public List<String> enabledProtocols() {
        return settings.get(SSL_ENABLED_PROTOCOLS);
    }

    public List<String> cipherSuites() {
        return settings.get(SSL_CIPHER_SUITES);
    }

    /** Whether this broker checks another broker's certificate against its host name (Kafka's default: https). */
    public boolean verifiesHostNames() {
        String algorithm = settings.get(SSL_ENDPOINT_IDENTIFICATION_ALGORITHM);
        return algorithm != null && !algorithm.isBlank();
    }

    private KeyManagerFactory loadKeyManagers() {
        String type = settings.get(SSL_KEYSTORE_TYPE);
        String location = settings.get(SSL_KEYSTORE_LOCATION);
        String password = settings.get(SSL_KEYSTORE_PASSWORD);
        String keyPassword = settings.get(SSL_KEY_PASSWORD);
        KeyStore store;
        char[] keyPasswordChars;
        if (type.equals("PEM")) {
            String inlineKey = settings.get(SSL_KEYSTORE_KEY);
            String pem;
            if (inlineKey != null) {
                String chain = settings.get(SSL_KEYSTORE_CERTIFICATE_CHAIN);
                if (chain == null) {
                    throw new ConfigException(settings.sourceOf(SSL_KEYSTORE_CERTIFICATE_CHAIN), null,
                            "must be set with " + settings.sourceOf(SSL_KEYSTORE_KEY));
                }
                pem = inlineKey + "\n" + chain;
            } else if (location != null) {
                pem = readText(SSL_KEYSTORE_LOCATION.name(), location);
            } else {
                return null;
            }
            try {
                store = PemKeys.keyStore(pem, keyPassword);
            } catch (GeneralSecurityException e) {
                boolean encrypted = pem.contains("ENCRYPTED PRIVATE KEY");
                String key = encrypted ? settings.sourceOf(SSL_KEY_PASSWORD)
                        : settings.sourceOf(location != null && inlineKey == null ? SSL_KEYSTORE_LOCATION : SSL_KEYSTORE_KEY);
                throw new ConfigException(key, encrypted || inlineKey != null ? HIDDEN : location,
                        "the PEM private key cannot be read: " + describe(e));
            }
            keyPasswordChars = PemKeys.IN_MEMORY_PASSWORD;
        } else {
            if (location == null) {
                return null;
            }
            store = loadStore(type, SSL_KEYSTORE_LOCATION.name(), location, SSL_KEYSTORE_PASSWORD.name(), password);
            String effective = keyPassword != null ? keyPassword : password;
            keyPasswordChars = effective == null ? new char[0] : effective.toCharArray();
        }
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(settings.get(SSL_KEYMANAGER_ALGORITHM));
            factory.init(store, keyPasswordChars);
            return factory;
        } catch (UnrecoverableKeyException e) {
            String key = keyPassword != null ? SSL_KEY_PASSWORD.name() : SSL_KEYSTORE_PASSWORD.name();
            throw new ConfigException(settings.sourceOf(keyPassword != null ? SSL_KEY_PASSWORD : SSL_KEYSTORE_PASSWORD),
                    HIDDEN, "does not unlock the private key in " + location + " (" + key + ")");
        } catch (GeneralSecurityException e) {
            throw new ConfigException(settings.sourceOf(SSL_KEYMANAGER_ALGORITHM),
                    settings.get(SSL_KEYMANAGER_ALGORITHM), describe(e));
        }
    }

    private TrustManagerFactory loadTrustManagers() {
        String type = settings.get(SSL_TRUSTSTORE_TYPE);
        String location = settings.get(SSL_TRUSTSTORE_LOCATION);
        KeyStore store;
        if (type.equals("PEM")) {
            String inline = settings.get(SSL_TRUSTSTORE_CERTIFICATES);
            String pem = inline != null ? inline : location != null ? readText(SSL_TRUSTSTORE_LOCATION.name(), location) : null;
            if (pem == null) {
                return null;
            }
            try {
                store = PemKeys.trustStore(pem);
            } catch (GeneralSecurityException e) {
                throw new ConfigException(settings.sourceOf(inline != null ? SSL_TRUSTSTORE_CERTIFICATES : SSL_TRUSTSTORE_LOCATION),
                        location, "the PEM certificates cannot be read: " + describe(e));
            }
        } else {
            if (location == null) {
                return null;
            }
            store = loadStore(type, SSL_TRUSTSTORE_LOCATION.name(), location, SSL_TRUSTSTORE_PASSWORD.name(),
                    settings.get(SSL_TRUSTSTORE_PASSWORD));
        }
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(settings.get(SSL_TRUSTMANAGER_ALGORITHM));
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException e) {
            throw new ConfigException(settings.sourceOf(SSL_TRUSTMANAGER_ALGORITHM),
                    settings.get(SSL_TRUSTMANAGER_ALGORITHM), describe(e));
        }
    }

    private KeyStore loadStore(String type, String locationKey, String location, String passwordKey, String password) {
        String locationSource = sourceOfName(locationKey);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password == null ? null : password.toCharArray());
            return store;
        } catch (NoSuchFileException e) {
            throw new ConfigException(locationSource, location, "no such file");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new ConfigException(sourceOfName(passwordKey), HIDDEN, "does not open " + location);
            }
            throw new ConfigException(locationSource, location, "cannot be read as a " + type + " store: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new ConfigException(locationSource, location, "cannot be read as a " + type + " store: " + describe(e));
        }
    }

    private String readText(String key, String location) {
        try {
            return Files.readString(Path.of(location), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ConfigException(sourceOfName(key), location, "cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private String sourceOfName(String name) {
        return SSL.stream().filter(k -> k.name().equals(name)).findFirst().map(settings::sourceOf).orElse(name);
    }

    private static String describe(GeneralSecurityException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
