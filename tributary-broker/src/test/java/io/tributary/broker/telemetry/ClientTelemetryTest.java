package io.tributary.broker.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Responder;
import io.tributary.common.MockTime;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.types.Struct;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ClientTelemetryTest {

    final MockTime time = new MockTime();
    final ClientTelemetry telemetry = new ClientTelemetry(time, 60_000);

    private Struct call(ApiKey api, Struct request) {
        RequestContext context = new RequestContext(new RequestHeader(api.id(), (short) 0, 1, "client-1"), api,
                new InetSocketAddress("127.0.0.1", 40000), "conn", 0L);
        AtomicReference<Struct> response = new AtomicReference<>();
        Responder responder = new Responder() {
            @Override
            public void send(Struct body) {
                response.set(body);
            }

            @Override
            public void noResponse() {
            }

            @Override
            public void closeConnection(String reason) {
            }
        };
        if (api == ApiKey.GET_TELEMETRY_SUBSCRIPTIONS) {
            telemetry.getSubscriptions(context, request, responder);
        } else {
            telemetry.push(context, request, responder);
        }
        return response.get();
    }

    private Struct subscribe(UUID id) {
        return call(ApiKey.GET_TELEMETRY_SUBSCRIPTIONS,
                MessageCodec.newRequest(ApiKey.GET_TELEMETRY_SUBSCRIPTIONS).set("client_instance_id", id));
    }

    private short push(UUID id, int subscription, int bytes) {
        return call(ApiKey.PUSH_TELEMETRY, MessageCodec.newRequest(ApiKey.PUSH_TELEMETRY)
                .set("client_instance_id", id).set("subscription_id", subscription).set("compression_type", (byte) 0)
                .set("metrics", ByteBuffer.wrap(new byte[bytes]))).getShort("error_code");
    }

    @Test
    void clientWithoutAnIdIsGivenOneAndSubscribedToAllMetrics() {
        Struct response = subscribe(new UUID(0, 0));
        assertThat(response.getUuid("client_instance_id")).isNotEqualTo(new UUID(0, 0));
        assertThat(response.<String>getList("requested_metrics")).containsExactly("*");
        assertThat(response.getInt("push_interval_ms")).isEqualTo(60_000);
        UUID known = new UUID(7, 7);
        assertThat(subscribe(known).getUuid("client_instance_id")).isEqualTo(known);
    }

    @Test
    void pushKeepsTheLatestMetricsOfEachClient() {
        UUID id = subscribe(new UUID(0, 0)).getUuid("client_instance_id");
        int subscription = subscribe(id).getInt("subscription_id");
        assertThat(push(id, subscription, 10)).isZero();
        time.sleep(1000);
        assertThat(push(id, subscription, 20)).isZero();
        ClientTelemetry.Pushed latest = telemetry.latest(id).orElseThrow();
        assertThat(latest.metrics().remaining()).isEqualTo(20);
        assertThat(latest.clientId()).isEqualTo("client-1");
        assertThat(telemetry.all()).hasSize(1);
    }

    @Test
    void badPushesAreRefusedAndNothingIsKept() {
        UUID id = new UUID(1, 2);
        int subscription = subscribe(id).getInt("subscription_id");
        assertThat(push(id, subscription + 1, 10)).isEqualTo(Errors.UNKNOWN_SUBSCRIPTION_ID.code());
        assertThat(push(id, subscription, ClientTelemetry.MAX_BYTES + 1)).isEqualTo(Errors.TELEMETRY_TOO_LARGE.code());
        assertThat(push(new UUID(0, 0), subscription, 10)).isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(telemetry.all()).isEmpty();
    }

    @Test
    void onlyTheMostRecentlyPushingClientsAreKept() {
        int subscription = subscribe(new UUID(0, 0)).getInt("subscription_id");
        for (int i = 0; i <= ClientTelemetry.MAX_CLIENTS; i++) {
            assertThat(push(new UUID(5, i), subscription, 1)).isZero();
        }
        assertThat(telemetry.all()).hasSize(ClientTelemetry.MAX_CLIENTS);
        assertThat(telemetry.latest(new UUID(5, 0))).isEmpty();
        assertThat(telemetry.latest(new UUID(5, ClientTelemetry.MAX_CLIENTS))).isPresent();
    }
}
