package io.tributary.broker.security;

/**
 * Who a connection acts as, in Kafka's {@code Type:name} form ({@code User:alice}); ACLs and super.users name
 * principals this way. {@link #ANONYMOUS} is a PLAINTEXT connection's principal, as in Kafka.
 */
public record KafkaPrincipal(String type, String name) {

    public static final String USER_TYPE = "User";
    public static final KafkaPrincipal ANONYMOUS = new KafkaPrincipal(USER_TYPE, "ANONYMOUS");

    public static KafkaPrincipal user(String name) {
        return new KafkaPrincipal(USER_TYPE, name);
    }

    /** Parses {@code Type:name}; the name may itself contain colons. */
    public static KafkaPrincipal parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a principal must look like Type:name, got " + text);
        }
        return new KafkaPrincipal(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return type + ":" + name;
    }
}
