package io.tributary.broker.config;

import static io.tributary.broker.config.ConfigKey.LIST;
import static io.tributary.broker.config.ConfigKey.STRING;

import io.tributary.broker.config.ConfigKey.Validator;
import java.util.List;

/** The broker's listener and security keys: Kafka's names, defaults and meaning, declared once. */
public final class SecurityConfigKeys {

    private SecurityConfigKeys() {
    }

    public static final ConfigKey<List<String>> LISTENER_SECURITY_PROTOCOL_MAP = new ConfigKey<>(
            "listener.security.protocol.map", LIST, Listeners.DEFAULT_PROTOCOL_MAP, Listeners.PROTOCOL_MAP_VALIDATOR,
            "NAME:PROTOCOL pairs giving each listener name its security protocol (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL).");
    public static final ConfigKey<String> INTER_BROKER_LISTENER_NAME = new ConfigKey<>("inter.broker.listener.name",
            STRING, null, Validator.any(),
            "The listener other brokers use for replication and controlled shutdown; unset means the listener of "
                    + "security.inter.broker.protocol.");
    public static final ConfigKey<String> SECURITY_INTER_BROKER_PROTOCOL = new ConfigKey<>(
            "security.inter.broker.protocol", STRING, "PLAINTEXT",
            ConfigKey.oneOf("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"),
            "The security protocol between brokers, when inter.broker.listener.name is unset.");


    // TLS: each of these may also be given per listener as listener.name.<listener>.<key>.
    public static final ConfigKey<String> SSL_KEYSTORE_TYPE = new ConfigKey<>("ssl.keystore.type", STRING, "JKS",
            ConfigKey.oneOf("JKS", "PKCS12", "PEM"), "Format of the key store: JKS, PKCS12 or PEM (KIP-651).");
    public static final ConfigKey<String> SSL_KEYSTORE_LOCATION = new ConfigKey<>("ssl.keystore.location", STRING,
            null, Validator.any(), "Key store file with this broker's private key and certificate chain.");
    public static final ConfigKey<String> SSL_KEYSTORE_PASSWORD = new ConfigKey<>("ssl.keystore.password", STRING,
            null, Validator.any(), "Password of the key store file (sensitive).");
    public static final ConfigKey<String> SSL_KEY_PASSWORD = new ConfigKey<>("ssl.key.password", STRING, null,
            Validator.any(), "Password of the private key, when it differs from the key store's (sensitive).");
    public static final ConfigKey<String> SSL_KEYSTORE_KEY = new ConfigKey<>("ssl.keystore.key", STRING, null,
            Validator.any(), "PEM private key given inline, with ssl.keystore.type=PEM (sensitive).");
    public static final ConfigKey<String> SSL_KEYSTORE_CERTIFICATE_CHAIN = new ConfigKey<>(
            "ssl.keystore.certificate.chain", STRING, null, Validator.any(),
            "PEM certificate chain given inline, with ssl.keystore.type=PEM.");
    public static final ConfigKey<String> SSL_TRUSTSTORE_TYPE = new ConfigKey<>("ssl.truststore.type", STRING, "JKS",
            ConfigKey.oneOf("JKS", "PKCS12", "PEM"), "Format of the trust store: JKS, PKCS12 or PEM.");
    public static final ConfigKey<String> SSL_TRUSTSTORE_LOCATION = new ConfigKey<>("ssl.truststore.location", STRING,
            null, Validator.any(), "Trust store of the certificate authorities whose peers are trusted.");
    public static final ConfigKey<String> SSL_TRUSTSTORE_PASSWORD = new ConfigKey<>("ssl.truststore.password", STRING,
            null, Validator.any(), "Password of the trust store file (sensitive).");
    public static final ConfigKey<String> SSL_TRUSTSTORE_CERTIFICATES = new ConfigKey<>("ssl.truststore.certificates",
            STRING, null, Validator.any(), "PEM trusted certificates given inline, with ssl.truststore.type=PEM.");
    public static final ConfigKey<String> SSL_CLIENT_AUTH = new ConfigKey<>("ssl.client.auth", STRING, "none",
            ConfigKey.oneOf("none", "requested", "required"), "Whether clients must (required) or may (requested) "
                    + "present a certificate; its distinguished name then becomes the principal.");
    public static final ConfigKey<String> SSL_PROTOCOL = new ConfigKey<>("ssl.protocol", STRING, "TLSv1.3",
            ConfigKey.oneOf("TLSv1.2", "TLSv1.3", "TLS"), "The TLS protocol of the broker's own client side.");
    public static final ConfigKey<List<String>> SSL_ENABLED_PROTOCOLS = new ConfigKey<>("ssl.enabled.protocols", LIST,
            "TLSv1.2,TLSv1.3", Validator.any(), "TLS protocol versions accepted.");
    public static final ConfigKey<List<String>> SSL_CIPHER_SUITES = new ConfigKey<>("ssl.cipher.suites", LIST, "",
            Validator.any(), "Cipher suites allowed; empty allows the engine's defaults.");
    public static final ConfigKey<String> SSL_ENDPOINT_IDENTIFICATION_ALGORITHM = new ConfigKey<>(
            "ssl.endpoint.identification.algorithm", STRING, "https", Validator.any(),
            "Host name verification when this broker connects to another (https); empty turns it off.");
    public static final ConfigKey<String> SSL_PRINCIPAL_MAPPING_RULES = new ConfigKey<>("ssl.principal.mapping.rules",
            STRING, "DEFAULT", Validator.any(),
            "Rules mapping a client certificate's distinguished name to a user name: RULE:pattern/replacement/[LU],...,DEFAULT.");
    public static final ConfigKey<String> SSL_KEYMANAGER_ALGORITHM = new ConfigKey<>("ssl.keymanager.algorithm", STRING,
            "SunX509", Validator.any(), "Key manager factory algorithm.");
    public static final ConfigKey<String> SSL_TRUSTMANAGER_ALGORITHM = new ConfigKey<>("ssl.trustmanager.algorithm",
            STRING, "PKIX", Validator.any(), "Trust manager factory algorithm.");

    // SASL: each of these may also be given per listener; the JAAS entry also per mechanism,
    // listener.name.<listener>.<mechanism>.sasl.jaas.config.
    public static final ConfigKey<List<String>> SASL_ENABLED_MECHANISMS = new ConfigKey<>("sasl.enabled.mechanisms",
            LIST, "GSSAPI", Validator.any(),
            "SASL mechanisms offered on SASL listeners; this broker serves PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512.");
    public static final ConfigKey<String> SASL_MECHANISM_INTER_BROKER_PROTOCOL = new ConfigKey<>(
            "sasl.mechanism.inter.broker.protocol", STRING, "GSSAPI", Validator.any(),
            "The SASL mechanism this broker authenticates with on a SASL inter-broker listener.");
    public static final ConfigKey<String> SASL_JAAS_CONFIG = new ConfigKey<>("sasl.jaas.config", STRING, null,
            Validator.any(), "JAAS login-module entry of a mechanism (PlainLoginModule users as user_<name>=\"<password>\", "
                    + "and username/password this broker logs in with); usually per listener and mechanism (sensitive).");
    public static final ConfigKey<Integer> CONNECTION_FAILED_AUTHENTICATION_DELAY_MS = new ConfigKey<>(
            "connection.failed.authentication.delay.ms", ConfigKey.INT, "100", ConfigKey.atLeast(0),
            "How long a failed SASL authentication waits before the broker answers and closes the connection.");

    // Authorization.
    public static final ConfigKey<String> AUTHORIZER_CLASS_NAME = new ConfigKey<>("authorizer.class.name", STRING, "",
            Validator.any(), "The ACL authorizer: kafka.security.authorizer.AclAuthorizer, kafka.security.auth."
                    + "SimpleAclAuthorizer or org.apache.kafka.metadata.authorizer.StandardAuthorizer (all served by "
                    + "Tributary's ACL authorizer, ACLs in ZooKeeper); empty allows every request.");
    /** Class names Kafka users configure as authorizer.class.name, all served by Tributary's ACL authorizer. */
    public static final java.util.Set<String> AUTHORIZER_ALIASES = java.util.Set.of(
            "kafka.security.authorizer.AclAuthorizer", "kafka.security.auth.SimpleAclAuthorizer",
            "org.apache.kafka.metadata.authorizer.StandardAuthorizer", "io.tributary.broker.security.acl.AclAuthorizer");
    public static final ConfigKey<String> SUPER_USERS = new ConfigKey<>("super.users", STRING, "", Validator.any(),
            "Principals allowed everything, separated by ';' (User:admin;User:CN=broker,O=org).");
    public static final ConfigKey<Boolean> ALLOW_EVERYONE_IF_NO_ACL_FOUND = new ConfigKey<>(
            "allow.everyone.if.no.acl.found", ConfigKey.BOOLEAN, "false", Validator.any(),
            "Allow a request on a resource that has no ACL at all.");

    public static final ConfigKey<Long> CONNECTIONS_MAX_REAUTH_MS = new ConfigKey<>("connections.max.reauth.ms",
            ConfigKey.LONG, "0", ConfigKey.atLeast(0L), "Lifetime of a SASL authentication (KIP-368): clients "
                    + "re-authenticate before it ends, other connections are closed at their next request; 0 for ever.");

    public static final List<ConfigKey<?>> SASL = List.of(SASL_ENABLED_MECHANISMS, SASL_MECHANISM_INTER_BROKER_PROTOCOL,
            SASL_JAAS_CONFIG, CONNECTIONS_MAX_REAUTH_MS);

    /** The TLS keys, each of which a listener may override with its listener.name.&lt;listener&gt;. prefix. */
    public static final List<ConfigKey<?>> SSL = List.of(SSL_KEYSTORE_TYPE, SSL_KEYSTORE_LOCATION,
            SSL_KEYSTORE_PASSWORD, SSL_KEY_PASSWORD, SSL_KEYSTORE_KEY, SSL_KEYSTORE_CERTIFICATE_CHAIN,
            SSL_TRUSTSTORE_TYPE, SSL_TRUSTSTORE_LOCATION, SSL_TRUSTSTORE_PASSWORD, SSL_TRUSTSTORE_CERTIFICATES,
            SSL_CLIENT_AUTH, SSL_PROTOCOL, SSL_ENABLED_PROTOCOLS, SSL_CIPHER_SUITES,
            SSL_ENDPOINT_IDENTIFICATION_ALGORITHM, SSL_PRINCIPAL_MAPPING_RULES, SSL_KEYMANAGER_ALGORITHM,
            SSL_TRUSTMANAGER_ALGORITHM);

    /** Keys whose values are secrets: never logged, reported as null by DescribeConfigs. */
    public static final List<ConfigKey<?>> SENSITIVE = List.of(SSL_KEYSTORE_PASSWORD, SSL_KEY_PASSWORD,
            SSL_KEYSTORE_KEY, SSL_TRUSTSTORE_PASSWORD, SASL_JAAS_CONFIG);

    public static final List<ConfigKey<?>> ALL = concat(List.of(LISTENER_SECURITY_PROTOCOL_MAP,
            INTER_BROKER_LISTENER_NAME, SECURITY_INTER_BROKER_PROTOCOL, CONNECTION_FAILED_AUTHENTICATION_DELAY_MS,
            AUTHORIZER_CLASS_NAME, SUPER_USERS, ALLOW_EVERYONE_IF_NO_ACL_FOUND), SSL, SASL);

    /** The per-listener form of a key: listener.name.&lt;listener in lower case&gt;.&lt;key&gt;. */
    public static String forListener(String listenerName, String key) {
        return "listener.name." + listenerName.toLowerCase() + "." + key;
    }

    /** Whether a key (or its per-listener form) is a secret. */
    public static boolean isSensitive(String key) {
        String base = key.startsWith("listener.name.") ? key.substring(key.indexOf('.', "listener.name.".length()) + 1) : key;
        return SENSITIVE.stream().anyMatch(k -> k.name().equals(base)) || base.endsWith("sasl.jaas.config");
    }

    @SafeVarargs
    private static List<ConfigKey<?>> concat(List<ConfigKey<?>>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
