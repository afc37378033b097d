package io.tributary.broker.security;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Key stores built from PEM text, as Kafka reads {@code ssl.keystore.type=PEM} (KIP-651): a PKCS#8 private key
 * (plain, or encrypted with {@code ssl.key.password}) with its X.509 certificate chain, and trusted certificates.
 */
final class PemKeys {

    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN (ENCRYPTED )?PRIVATE KEY-----(.*?)-----END (ENCRYPTED )?PRIVATE KEY-----", Pattern.DOTALL);
    private static final Pattern CERT = Pattern.compile(
            "-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", Pattern.DOTALL);
    static final char[] IN_MEMORY_PASSWORD = new char[0];

    private PemKeys() {
    }

    /** A key store holding the one private key and its chain, under {@link #IN_MEMORY_PASSWORD}. */
    static KeyStore keyStore(String pem, String keyPassword) throws GeneralSecurityException {
        Matcher key = KEY.matcher(pem);
        if (!key.find()) {
            throw new GeneralSecurityException("no PKCS#8 PRIVATE KEY block");
        }
        byte[] der = Base64.getMimeDecoder().decode(key.group(2).trim());
        PrivateKey privateKey = key.group(1) != null ? decrypt(der, keyPassword) : privateKey(new PKCS8EncodedKeySpec(der));
        List<Certificate> chain = certificates(pem);
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no CERTIFICATE block");
        }
        KeyStore store = emptyStore();
        store.setKeyEntry("kafka", privateKey, IN_MEMORY_PASSWORD, chain.toArray(new Certificate[0]));
        return store;
    }

    static KeyStore trustStore(String pem) throws GeneralSecurityException {
        List<Certificate> certificates = certificates(pem);
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("no CERTIFICATE block");
        }
        KeyStore store = emptyStore();
        for (int i = 0; i < certificates.size(); i++) {
            store.setCertificateEntry("ca-" + i, certificates.get(i));
        }
        return store;
    }

    private static PrivateKey decrypt(byte[] der, String password) throws GeneralSecurityException {
        if (password == null) {
            throw new GeneralSecurityException("the private key is encrypted and no key password is set");
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            String algorithm = info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
            SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password.toCharArray())),
                    info.getAlgParameters());
            return privateKey(info.getKeySpec(cipher));
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("unreadable encrypted private key", e);
        }
    }

    private static PrivateKey privateKey(PKCS8EncodedKeySpec spec) throws GeneralSecurityException {
        for (String algorithm : new String[] {"RSA", "EC", "DSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("private key of an unsupported algorithm");
    }

    private static List<Certificate> certificates(String pem) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<Certificate> certificates = new ArrayList<>();
        Matcher m = CERT.matcher(pem);
        while (m.find()) {
            certificates.add(factory.generateCertificate(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.US_ASCII))));
        }
        return certificates;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }
}
