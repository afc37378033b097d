package io.tributary.broker.security.sasl;

/** Looks up SCRAM credentials by user; implementations are thread-safe and serve from memory. */
@FunctionalInterface
public interface CredentialStore {

    /** The user's credential for that mechanism, or null when there is none. */
    ScramCredential credential(String user, ScramMechanism mechanism);
}
