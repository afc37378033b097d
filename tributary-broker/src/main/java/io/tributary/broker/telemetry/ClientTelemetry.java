package io.tributary.broker.telemetry;

import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Responder;
import io.tributary.common.Time;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Client telemetry (KIP-714): GetTelemetrySubscriptions gives each client an instance id and one
 * subscription (all its metrics, every {@code client.telemetry.push.interval.ms}); PushTelemetry's payload is kept,
 * still encoded, as the latest metrics of that client instance, so they can be shown or exported.
 * Only the most recently pushing {@link #MAX_CLIENTS} instances are kept.
 *
 * <p>Thread-safe: the handlers may run on any request thread; the map is guarded by this object's
 * monitor and never held while responding.
 */
public final class ClientTelemetry {

    /** Largest metrics payload accepted, Kafka's {@code telemetry.max.bytes} default. */
    public static final int MAX_BYTES = 1_048_576;

    /** How many client instances' latest metrics are kept; the least recently pushed go first. */
    public static final int MAX_CLIENTS = 1_000;

    /** All metrics: the clients read a lone "*" as every metric. */
    private static final List<String> ALL_METRICS = List.of("*");

    /** zstd, lz4, gzip, snappy and none: every codec the record batches know, as Kafka offers them. */
    private static final List<Byte> ACCEPTED_COMPRESSION = List.of((byte) 4, (byte) 3, (byte) 1, (byte) 2, (byte) 0);


    /** The latest push of one client instance. {@code metrics} is as pushed, in {@code compressionType}. */
    public record Pushed(UUID clientInstanceId, String clientId, String clientHost, long pushedAtMs, byte compressionType,
                         ByteBuffer metrics, boolean terminating) {
    }

    private final Time time;
    private final int pushIntervalMs;
    /** The one subscription's id; it would change if what is requested changed. */
    private final int subscriptionId;
    private final Map<UUID, Pushed> latest = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Pushed> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    public ClientTelemetry(Time time, int pushIntervalMs) {
        this.time = time;
        this.pushIntervalMs = pushIntervalMs;
        this.subscriptionId = (ALL_METRICS.hashCode() * 31 + pushIntervalMs) & 0x7fffffff;
    }

    public void getSubscriptions(RequestContext context, Struct request, Responder responder) {
        UUID id = request.getUuid("client_instance_id");
        if (id.equals(new UUID(0, 0))) {
            id = UUID.randomUUID(); // a client asks with the zero id and keeps what it is given
        }
        responder.send(MessageCodec.newResponse(ApiKey.GET_TELEMETRY_SUBSCRIPTIONS)
                .set("client_instance_id", id)
                .set("subscription_id", subscriptionId)
                .set("accepted_compression_types", ACCEPTED_COMPRESSION)
                .set("push_interval_ms", pushIntervalMs)
                .set("telemetry_max_bytes", MAX_BYTES)
                .set("delta_temporality", true)
                .set("requested_metrics", ALL_METRICS));
    }

    public void push(RequestContext context, Struct request, Responder responder) {
        UUID id = request.getUuid("client_instance_id");
        ByteBuffer metrics = request.getBytes("metrics");
        byte compression = request.getByte("compression_type");
        Errors error = Errors.NONE;
        if (id.equals(new UUID(0, 0))) {
            error = Errors.INVALID_REQUEST;
        } else if (request.getInt("subscription_id") != subscriptionId) {
            error = Errors.UNKNOWN_SUBSCRIPTION_ID;
        } else if (!ACCEPTED_COMPRESSION.contains(compression)) {
            error = Errors.UNSUPPORTED_COMPRESSION_TYPE;
        } else if (metrics.remaining() > MAX_BYTES) {
            error = Errors.TELEMETRY_TOO_LARGE;
        } else {
            ByteBuffer copy = ByteBuffer.allocate(metrics.remaining()).put(metrics.duplicate()).flip().asReadOnlyBuffer();
            Pushed pushed = new Pushed(id, context.clientId(), context.clientHost(), time.milliseconds(), compression, copy,
                    request.getBoolean("terminating"));
            synchronized (this) {
                latest.remove(id); // re-inserted last: the map is in push order
                latest.put(id, pushed);
            }
        }
        responder.send(MessageCodec.newResponse(ApiKey.PUSH_TELEMETRY).set("error_code", error.code()));
    }

    /** The latest push of a client instance, if it is still kept. */
    public synchronized Optional<Pushed> latest(UUID clientInstanceId) {
        return Optional.ofNullable(latest.get(clientInstanceId));
    }

    /** Every kept push, least recently pushed first. */
    public synchronized List<Pushed> all() {
        return List.copyOf(latest.values());
    }
}
