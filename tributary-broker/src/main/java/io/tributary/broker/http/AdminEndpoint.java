package io.tributary.broker.http;

import io.tributary.broker.metadata.MetadataCache;
import java.util.List;
import java.util.Map;

/**
 * The admin endpoint's operational routes: {@code /metrics} (Prometheus), {@code /health/live},
 * {@code /health/ready} and {@code /v1/cluster/health}. The console's routes are added by {@link ConsoleApi}.
 * Stateless apart from the exporter's name cache.
 */
public final class AdminEndpoint {

    private final PrometheusExporter exporter;
    private final ConsumerLag lag;
    private final HealthChecks health;
    private final MetadataCache metadata;

    public AdminEndpoint(PrometheusExporter exporter, ConsumerLag lag, HealthChecks health, MetadataCache metadata) {
        this.exporter = exporter;
        this.lag = lag;
        this.health = health;
        this.metadata = metadata;
    }

    public AdminRoutes addTo(AdminRoutes routes) {
        return routes
                .add("GET", "/metrics", request -> HttpReply.text(200, PrometheusText.CONTENT_TYPE,
                        exporter.scrape(families -> lag.addTo(families, exporter.partitionSeries()))))
                .add("GET", "/health/live", request -> HttpReply.ok(Map.of("live", true)))
                .add("GET", "/health/ready", request -> {
                    List<HealthChecks.Check> checks = health.run();
                    boolean ready = checks.stream().allMatch(HealthChecks.Check::ok);
                    return HttpReply.json(ready ? 200 : 503, HealthChecks.body(checks));
                })
                .add("GET", "/v1/cluster/health", request -> HttpReply.ok(ClusterHealth.of(metadata.image())));
    }
}
