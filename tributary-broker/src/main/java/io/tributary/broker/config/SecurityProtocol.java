package io.tributary.broker.config;

/** Kafka's security protocols: what a listener's connections must pass before they are served. */
public enum SecurityProtocol {
    PLAINTEXT(false, false),
    SSL(true, false),
    SASL_PLAINTEXT(false, true),
    SASL_SSL(true, true);

    private final boolean tls;
    private final boolean sasl;

    SecurityProtocol(boolean tls, boolean sasl) {
        this.tls = tls;
        this.sasl = sasl;
    }

    public boolean usesTls() {
        return tls;
    }

    public boolean usesSasl() {
        return sasl;
    }

    /** The protocol of that name (case-insensitive), or null. */
    public static SecurityProtocol forName(String name) {
        for (SecurityProtocol protocol : values()) {
            if (protocol.name().equalsIgnoreCase(name.trim())) {
                return protocol;
            }
        }
        return null;
    }
}
