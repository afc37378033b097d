package io.tributary.benchmarks.jmh;

import com.codahale.metrics.MetricRegistry;
import io.tributary.broker.metrics.BrokerTopicStats;
import io.tributary.broker.metrics.RequestMetrics;
import io.tributary.broker.metrics.TopicMetrics;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestTimes;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.types.Versions;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the metrics add to one produce request of one partition: the topic meters a produce entry marks
 * (TotalProduceRequests, BytesIn, MessagesIn, each for the topic and all topics) and the request metrics recorded
 * when its response is written (RequestsPerSec and six histograms). Run with {@code -prof gc}: the allocation per
 * operation must be 0 bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetricsHookBenchmark {

    private TopicMetrics topic;
    private RequestMetrics requests;
    private RequestContext context;
    private final Times times = new Times();

    /** Moments a few microseconds apart, as a fast acks=1 produce has them. */
    private static final class Times implements RequestTimes {
        long base;

        @Override public long receivedNanos() { return base; }
        @Override public long dequeuedNanos() { return base + 20_000; }
        @Override public long localDoneNanos() { return base + 60_000; }
        @Override public long completedNanos() { return base + 60_000; }
        @Override public long writeStartNanos() { return base + 80_000; }
        @Override public long sentNanos() { return base + 90_000; }
    }

    @Setup
    public void setUp() {
        MetricRegistry registry = new MetricRegistry();
        topic = new BrokerTopicStats(registry).topic("orders");
        requests = new RequestMetrics(registry, Map.of(ApiKey.PRODUCE, Versions.range(3, 11),
                ApiKey.FETCH, Versions.range(4, 12)));
        context = new RequestContext(new RequestHeader(ApiKey.PRODUCE.id(), (short) 9, 1, "bench"), ApiKey.PRODUCE,
                new InetSocketAddress("127.0.0.1", 9092), "conn-1", 0);
    }

    @Benchmark
    public void produceEntryTopicMeters() {
        topic.recordProduceRequest();
        topic.recordAppend(16_384, 140);
    }

    @Benchmark
    public void produceRequestMetrics() {
        times.base += 1_000;
        requests.onCompleted(context, null, times);
    }
}
