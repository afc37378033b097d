package io.tributary.broker.security.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SCRAM server against RFC 7677's test vector and the client-final checks of CVE-2024-56128. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ScramServerTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ScramServer server(ScramCredential credential) {
        return new ScramServer(ScramMechanism.SCRAM_SHA_256, (user, mechanism) -> user.equals("user") ? credential : null);
    }

    @Test
    void rfc7677TestVectorAuthenticatesAndSignsTheServer() throws Exception {
        // RFC 7677 section 3: user "user", password "pencil", salt W22ZaJ0SNY7soEsUEjb6gQ==, 4096 iterations.
        ScramCredential credential = ScramCredential.fromPassword(ScramMechanism.SCRAM_SHA_256, "pencil",
                Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        ScramServer server = server(credential);
        String serverFirst = new String(server.evaluate(utf8("n,,n=user,r=rOprNGfwEbeRWgbNEkqO")), StandardCharsets.UTF_8);
        assertThat(serverFirst).startsWith("r=rOprNGfwEbeRWgbNEkqO").contains(",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        // The vector's proof is for its own server nonce; recompute the proof for ours with the client side.
        SaslClientExchange client = clientWithNonce("rOprNGfwEbeRWgbNEkqO");
        byte[] clientFinal = client.respond(utf8(serverFirst));
        byte[] serverFinal = server.evaluate(clientFinal);
        assertThat(server.isComplete()).isTrue();
        assertThat(server.authorizedUser()).isEqualTo("user");
        assertThat(client.respond(serverFinal)).isNull(); // the client verified the server signature
    }

    @Test
    void clientFinalNonceThatRepeatsTheClientNonceIsRefused() throws Exception {
        ScramCredential credential = ScramCredential.fromPassword(ScramMechanism.SCRAM_SHA_256, "pencil", 4096);
        ScramServer server = server(credential);
        String serverFirst = new String(server.evaluate(utf8("n,,n=user,r=clientnonce")), StandardCharsets.UTF_8);
        String serverNonce = serverFirst.substring(2, serverFirst.indexOf(','));
        // librdkafka before 2.6.1: r = client nonce + the whole server nonce (which already starts with it).
        String repeated = "c=biws,r=clientnonce" + serverNonce + ",p=" + Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> server.evaluate(utf8(repeated))).isInstanceOf(SaslAuthenticationException.class)
                .satisfies(e -> assertThat(((SaslAuthenticationException) e).reason()).contains("nonce"));
        assertThat(server.isComplete()).isFalse();
    }

    @Test
    void wrongChannelBindingWrongProofAndUnknownUserAreRefused() throws Exception {
        ScramCredential credential = ScramCredential.fromPassword(ScramMechanism.SCRAM_SHA_256, "pencil", 4096);
        ScramServer wrongBinding = server(credential);
        String first = new String(wrongBinding.evaluate(utf8("n,,n=user,r=abc")), StandardCharsets.UTF_8);
        String nonce = first.substring(2, first.indexOf(','));
        assertThatThrownBy(() -> wrongBinding.evaluate(utf8("c=eSws,r=" + nonce + ",p=AAAA")))
                .isInstanceOf(SaslAuthenticationException.class);

        ScramServer wrongProof = server(credential);
        String first2 = new String(wrongProof.evaluate(utf8("n,,n=user,r=abc")), StandardCharsets.UTF_8);
        String nonce2 = first2.substring(2, first2.indexOf(','));
        assertThatThrownBy(() -> wrongProof.evaluate(utf8("c=biws,r=" + nonce2 + ",p="
                + Base64.getEncoder().encodeToString(new byte[32])))).isInstanceOf(SaslAuthenticationException.class);

        assertThatThrownBy(() -> server(credential).evaluate(utf8("n,,n=nobody,r=abc")))
                .isInstanceOf(SaslAuthenticationException.class)
                .hasMessage("Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256");
        assertThatThrownBy(() -> server(credential).evaluate(utf8("p=tls-unique,,n=user,r=abc")))
                .isInstanceOf(SaslAuthenticationException.class);
    }

    /** A client exchange whose first message uses a fixed nonce, as the RFC vector does. */
    private static SaslClientExchange clientWithNonce(String nonce) {
        SaslClientExchange client = new SaslClientExchange("SCRAM-SHA-256", "user", "pencil", nonce);
        client.initial();
        return client;
    }
}
