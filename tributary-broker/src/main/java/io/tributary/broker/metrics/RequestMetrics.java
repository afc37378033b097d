package io.tributary.broker.metrics;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingWindowReservoir;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestObserver;
import io.tributary.broker.network.RequestTimes;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.types.Struct;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Kafka's kafka.network:type=RequestMetrics: per request type a RequestsPerSec meter per version and histograms of
 * TotalTimeMs, RequestQueueTimeMs, LocalTimeMs, RemoteTimeMs, ResponseQueueTimeMs and ResponseSendTimeMs, in whole
 * milliseconds as Kafka records them; Fetch is split into FetchConsumer and FetchFollower as in Kafka. Every
 * histogram and meter is created up front for the APIs served, so recording is array indexing and lock-light
 * updates, with no allocation. Histograms keep the last 1028 values (Kafka's reservoir size), so percentiles
 * follow recent traffic. Thread-safe; called on the event loops.
 */
public final class RequestMetrics implements RequestObserver {

    private static final String DOMAIN = "kafka.network";
    private static final String TYPE = "RequestMetrics";
    private static final int RESERVOIR_SIZE = 1028;

    /** One request type's instruments. */
    private static final class Instruments {
        final Meter[] requestsPerVersion;
        final Histogram totalTime;
        final Histogram requestQueueTime;
        final Histogram localTime;
        final Histogram remoteTime;
        final Histogram responseQueueTime;
        final Histogram responseSendTime;

        Instruments(MetricRegistry registry, String request, short lowestVersion, short highestVersion) {
            requestsPerVersion = new Meter[highestVersion + 1];
            for (int v = lowestVersion; v <= highestVersion; v++) {
                requestsPerVersion[v] = registry.meter(KafkaMetricName.of(DOMAIN, TYPE, "RequestsPerSec",
                        "request", request, "version", String.valueOf(v)));
            }
            totalTime = histogram(registry, "TotalTimeMs", request);
            requestQueueTime = histogram(registry, "RequestQueueTimeMs", request);
            localTime = histogram(registry, "LocalTimeMs", request);
            remoteTime = histogram(registry, "RemoteTimeMs", request);
            responseQueueTime = histogram(registry, "ResponseQueueTimeMs", request);
            responseSendTime = histogram(registry, "ResponseSendTimeMs", request);
        }

        private static Histogram histogram(MetricRegistry registry, String name, String request) {
            return registry.histogram(KafkaMetricName.of(DOMAIN, TYPE, name, "request", request),
                    () -> new Histogram(new SlidingWindowReservoir(RESERVOIR_SIZE)));
        }

        void record(short version, RequestTimes t) {
            if (version >= 0 && version < requestsPerVersion.length && requestsPerVersion[version] != null) {
                requestsPerVersion[version].mark();
            }
            requestQueueTime.update(millis(t.dequeuedNanos() - t.receivedNanos()));
            localTime.update(millis(t.localDoneNanos() - t.dequeuedNanos()));
            remoteTime.update(millis(t.completedNanos() - t.localDoneNanos()));
            responseQueueTime.update(millis(t.writeStartNanos() - t.completedNanos()));
            responseSendTime.update(millis(t.sentNanos() - t.writeStartNanos()));
            totalTime.update(millis(t.sentNanos() - t.receivedNanos()));
        }

        private static long millis(long nanos) {
            return Math.max(0, Math.round(nanos / (double) TimeUnit.MILLISECONDS.toNanos(1)));
        }
    }

    private final Instruments[] byApi = new Instruments[128];
    private final Instruments fetchFollower;

    /** {@code served}: each API served and the versions it accepts. */
    public RequestMetrics(MetricRegistry registry, Map<ApiKey, io.tributary.protocol.types.Versions> served) {
        Map<ApiKey, Instruments> created = new EnumMap<>(ApiKey.class);
        Instruments follower = null;
        for (Map.Entry<ApiKey, io.tributary.protocol.types.Versions> entry : served.entrySet()) {
            ApiKey api = entry.getKey();
            short lowest = entry.getValue().lowest();
            short highest = entry.getValue().highest();
            if (api == ApiKey.FETCH) {
                created.put(api, new Instruments(registry, "FetchConsumer", lowest, highest));
                follower = new Instruments(registry, "FetchFollower", lowest, highest);
            } else {
                created.put(api, new Instruments(registry, api.spec().name(), lowest, highest));
            }
        }
        created.forEach((api, instruments) -> byApi[api.id()] = instruments);
        this.fetchFollower = follower;
    }

    @Override
    public void onCompleted(RequestContext context, Struct request, RequestTimes times) {
        ApiKey api = context.api();
        Instruments instruments = byApi[api.id()];
        if (api == ApiKey.FETCH && fetchFollower != null && request != null && request.getInt("replica_id") >= 0) {
            instruments = fetchFollower;
        }
        if (instruments != null) {
            instruments.record(context.version(), times);
        }
    }
}
