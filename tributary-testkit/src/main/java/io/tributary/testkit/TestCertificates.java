package io.tributary.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and the key stores tests need, generated with the JDK's keytool at test
 * time into a temp directory (nothing secret is committed): a broker certificate for localhost and 127.0.0.1,
 * a client certificate for {@code CN=alice}, a self-signed one no one trusts ({@code CN=mallory}), each as
 * PKCS12, JKS and PEM. Generated once per JVM (EC keys, a few seconds) and shared; read-only afterwards.
 */
public final class TestCertificates {

    public static final String PASSWORD = "test-only-password";
    public static final String CLIENT_DN = "CN=alice,OU=test,O=Tributary";
    private static final String BROKER_DN = "CN=localhost,OU=test,O=Tributary";
    private static TestCertificates shared;

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    public static synchronized TestCertificates get() {
        if (shared == null) {
            Path dir = TempDirs.create("tributary-certs-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TempDirs.deleteRecursively(dir)));
            TestCertificates certificates = new TestCertificates(dir);
            certificates.generate();
            shared = certificates;
        }
        return shared;
    }

    /** PKCS12 key store of the broker (key password = store password = {@link #PASSWORD}). */
    public Path brokerKeyStore() {
        return dir.resolve("broker.p12");
    }

    public Path brokerJks() {
        return dir.resolve("broker.jks");
    }

    /** The broker's private key (PKCS#8) and certificate chain in one PEM file. */
    public Path brokerPem() {
        return dir.resolve("broker.pem");
    }

    /** PKCS12 trust store holding only the test CA. */
    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    public Path trustStoreJks() {
        return dir.resolve("truststore.jks");
    }

    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    public Path clientKeyStore() {
        return dir.resolve("client.p12");
    }

    public Path clientCertPem() {
        return dir.resolve("client-cert.pem");
    }

    public Path clientKeyPem() {
        return dir.resolve("client-key.pem");
    }

    /** A self-signed client certificate that no trust store here contains. */
    public Path untrustedKeyStore() {
        return dir.resolve("mallory.p12");
    }

    public Path untrustedCertPem() {
        return dir.resolve("mallory-cert.pem");
    }

    public Path untrustedKeyPem() {
        return dir.resolve("mallory-key.pem");
    }

    private void generate() {
        genKeyPair("ca.p12", "ca", "CN=Tributary Test CA", "bc:c");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", path("ca.p12"), "-storepass", PASSWORD,
                "-file", path("ca.pem"));
        signed("broker", BROKER_DN, "SAN=dns:localhost,ip:127.0.0.1");
        signed("client", CLIENT_DN, null);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", path("ca.pem"), "-keystore", path("truststore.p12"),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        toJks("truststore");
        toJks("broker");
        genKeyPair("mallory.p12", "mallory", "CN=mallory", null);
        writePem("broker", "broker.pem", true);
        writePem("client", "client-key.pem", false);
        writePem("mallory", "mallory-key.pem", false);
    }

    private void signed(String name, String dn, String extension) {
        String store = name + ".p12";
        genKeyPair(store, name, dn, null);
        keytool("-certreq", "-alias", name, "-keystore", path(store), "-storepass", PASSWORD, "-file", path(name + ".csr"));
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", path("ca.p12"),
                "-storepass", PASSWORD, "-infile", path(name + ".csr"), "-outfile", path(name + ".crt"), "-validity", "3"));
        if (extension != null) {
            gencert.add("-ext");
            gencert.add(extension);
        }
        keytool(gencert.toArray(new String[0]));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", path("ca.pem"), "-keystore", path(store),
                "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", name, "-file", path(name + ".crt"), "-keystore", path(store),
                "-storepass", PASSWORD);
    }

    private void genKeyPair(String store, String alias, String dn, String extension) {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", dn, "-validity", "3", "-keystore", path(store), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (extension != null) {
            args.add("-ext");
            args.add(extension);
        }
        keytool(args.toArray(new String[0]));
    }

    private void toJks(String name) {
        keytool("-importkeystore", "-noprompt", "-srckeystore", path(name + ".p12"), "-srcstoretype", "PKCS12",
                "-srcstorepass", PASSWORD, "-destkeystore", path(name + ".jks"), "-deststoretype", "JKS",
                "-deststorepass", PASSWORD, "-destkeypass", PASSWORD);
    }

    /** Writes the alias's private key as unencrypted PKCS#8 PEM (with its chain when {@code withChain}), and its certificate chain. */
    private void writePem(String alias, String keyFile, boolean withChain) {
        try (InputStream in = Files.newInputStream(dir.resolve(alias + ".p12"))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            String key = pem("PRIVATE KEY", store.getKey(alias, PASSWORD.toCharArray()).getEncoded());
            StringBuilder chain = new StringBuilder();
            for (Certificate certificate : store.getCertificateChain(alias)) {
                chain.append(pem("CERTIFICATE", certificate.getEncoded()));
            }
            Files.writeString(dir.resolve(keyFile), withChain ? key + chain : key, StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve(alias + "-cert.pem"), chain, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot export " + alias + " as PEM", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
