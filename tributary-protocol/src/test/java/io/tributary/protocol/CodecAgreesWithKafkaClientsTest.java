package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * For every API and every version we declare, random messages written by our codec are read by
 * kafka-clients and re-serialized to the same bytes, and kafka-clients' bytes read by our codec
 * re-serialize identically. Versions kafka-clients 4.2.0 no longer knows are skipped by that peer.
 */
class CodecAgreesWithKafkaClientsTest {

    private static final int SAMPLES_PER_VERSION = 20;

    @TestFactory
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    List<DynamicTest> everyDeclaredVersionRoundTripsThroughKafkaClients() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ApiKey api : ApiKey.values()) {
            ApiSpec spec = api.spec();
            if (spec.key() >= 4 && spec.key() <= 7) {
                continue; // ZooKeeper-era inter-broker APIs: kafka-clients 4.x dropped their schemas
            }
            for (short v = spec.validVersions().lowest(); v <= spec.validVersions().highest(); v++) {
                short version = v;
                tests.add(DynamicTest.dynamicTest(spec.name() + " request v" + v, () -> roundTrip(api, true, version)));
                tests.add(DynamicTest.dynamicTest(spec.name() + " response v" + v, () -> roundTrip(api, false, version)));
            }
        }
        return tests;
    }

    /**
     * Defaults matter beyond the bytes of one message: a field a version lacks reads as its default,
     * and a tagged field equal to its default is left off the wire.
     */
    @TestFactory
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    List<DynamicTest> everyDefaultMessageMatchesKafkaClientsDefaults() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ApiKey api : ApiKey.values()) {
            ApiSpec spec = api.spec();
            if (spec.key() >= 4 && spec.key() <= 7) {
                continue;
            }
            for (short v = spec.validVersions().lowest(); v <= spec.validVersions().highest(); v++) {
                short version = v;
                tests.add(DynamicTest.dynamicTest(spec.name() + " default request v" + v,
                        () -> defaultsAgree(api, true, version)));
                tests.add(DynamicTest.dynamicTest(spec.name() + " default response v" + v,
                        () -> defaultsAgree(api, false, version)));
            }
        }
        return tests;
    }

    private void defaultsAgree(ApiKey api, boolean request, short version) throws Exception {
        String name = api.spec().name();
        if (!KafkaClientsPeer.supports(name, request, version)) {
            return;
        }
        ByteBuffer ours = request ? MessageCodec.requestBytes(api, version, MessageCodec.newRequest(api))
                : MessageCodec.responseBytes(api, version, MessageCodec.newResponse(api));
        assertThat(ours).as("%s v%d default", name, version)
                .isEqualTo(KafkaClientsPeer.defaultMessage(name, request, version));
    }

    private void roundTrip(ApiKey api, boolean request, short version) throws Exception {
        String name = api.spec().name();
        if (!KafkaClientsPeer.supports(name, request, version)) {
            return;
        }
        RandomStructs random = new RandomStructs(31L * api.id() + version);
        for (int i = 0; i < SAMPLES_PER_VERSION; i++) {
            Struct struct = random.fill(request ? api.spec().request() : api.spec().response(), version, 0);
            ByteBuffer ours = request ? MessageCodec.requestBytes(api, version, struct)
                    : MessageCodec.responseBytes(api, version, struct);

            ByteBuffer theirs = KafkaClientsPeer.reserialize(name, request, version, ours);
            assertThat(theirs).as("%s v%d: kafka-clients re-serialization of %s", name, version, struct).isEqualTo(ours);

            Struct parsed = request ? MessageCodec.readRequest(api, version, new ProtocolReader(theirs.duplicate()))
                    : MessageCodec.readResponse(api, version, new ProtocolReader(theirs.duplicate()));
            ByteBuffer again = request ? MessageCodec.requestBytes(api, version, parsed)
                    : MessageCodec.responseBytes(api, version, parsed);
            assertThat(again).as("%s v%d: our re-serialization", name, version).isEqualTo(theirs);
        }
    }
}
