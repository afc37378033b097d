package io.tributary.broker.security.sasl;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/** SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 7677 / RFC 5802): their hash, HMAC and PBKDF2 functions. */
public enum ScramMechanism {
    SCRAM_SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256", "PBKDF2WithHmacSHA256", 256),
    SCRAM_SHA_512("SCRAM-SHA-512", "SHA-512", "HmacSHA512", "PBKDF2WithHmacSHA512", 512);

    /** Kafka's floor and ceiling of iterations. */
    public static final int MIN_ITERATIONS = 4096;
    public static final int MAX_ITERATIONS = 16384;

    private final String mechanismName;
    private final String hash;
    private final String hmac;
    private final String pbkdf2;
    private final int keyBits;

    ScramMechanism(String mechanismName, String hash, String hmac, String pbkdf2, int keyBits) {
        this.mechanismName = mechanismName;
        this.hash = hash;
        this.hmac = hmac;
        this.pbkdf2 = pbkdf2;
        this.keyBits = keyBits;
    }

    public String mechanismName() {
        return mechanismName;
    }

    /** The mechanism of that SASL name, or null. */
    public static ScramMechanism forName(String name) {
        for (ScramMechanism m : values()) {
            if (m.mechanismName.equals(name)) {
                return m;
            }
        }
        return null;
    }

    /** Kafka's mechanism type byte in DescribeUserScramCredentials: 1 for SHA-256, 2 for SHA-512. */
    public byte typeId() {
        return (byte) (ordinal() + 1);
    }

    public static ScramMechanism forTypeId(int id) {
        return id >= 1 && id <= values().length ? values()[id - 1] : null;
    }

    byte[] hash(byte[] data) {
        try {
            return MessageDigest.getInstance(hash).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(key, hmac));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hi(password, salt, i) of RFC 5802: PBKDF2 with this HMAC. */
    byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, keyBits);
            return SecretKeyFactory.getInstance(pbkdf2).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
