package io.tributary.broker.security.sasl;

import java.util.List;
import java.util.Map;

/**
 * A SASL listener's mechanisms: which are enabled, and a new server exchange for each authentication. PLAIN
 * users come from the listener's JAAS entry, SCRAM credentials from the (ZooKeeper-backed) store. Immutable and
 * thread-safe.
 */
public final class SaslServerFactory {

    public static final String PLAIN = "PLAIN";

    private final List<String> enabled;
    private final Map<String, String> plainUsers;
    private final CredentialStore scramCredentials;

    public SaslServerFactory(List<String> enabled, Map<String, String> plainUsers, CredentialStore scramCredentials) {
        this.enabled = List.copyOf(enabled);
        this.plainUsers = Map.copyOf(plainUsers);
        this.scramCredentials = scramCredentials;
    }

    /** Mechanisms this broker can serve at all. */
    public static boolean isSupported(String mechanism) {
        return PLAIN.equals(mechanism) || ScramMechanism.forName(mechanism) != null;
    }

    public List<String> enabledMechanisms() {
        return enabled;
    }

    /** A new exchange for an enabled mechanism, or null when it is not enabled on this listener. */
    public SaslServerExchange newExchange(String mechanism) {
        if (!enabled.contains(mechanism)) {
            return null;
        }
        if (PLAIN.equals(mechanism)) {
            return new PlainServer(plainUsers);
        }
        return new ScramServer(ScramMechanism.forName(mechanism), scramCredentials);
    }
}
