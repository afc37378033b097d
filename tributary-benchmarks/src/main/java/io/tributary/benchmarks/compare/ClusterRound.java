package io.tributary.benchmarks.compare;

import io.tributary.benchmarks.compare.KafkaTools.ToolRun;
import io.tributary.benchmarks.compare.SystemUnderTest.LaunchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One round of one system in the cluster comparison: start a fresh cluster (its dependency first, then every
 * broker) on fresh directories, create a 3-partition RF 3 topic with min.insync.replicas=2, produce 100-byte
 * records with acks=all, consume them back, and sample every broker's CPU from /proc around each run. Then
 * stop the brokers with SIGTERM, the dependency last, and delete the data. Single-threaded; used once.
 */
final class ClusterRound {

    private static final double MIB = 1 << 20;
    private static final double GIB = 1L << 30;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String TOPIC = "bench-rf3-acksall";
    private static final int PARTITIONS = 3;
    private static final int RECORD_SIZE = 100;

    private final ClusterUnderTest system;
    private final KafkaTools tools;
    private final ClusterOptions options;
    private final ClusterSpec spec;
    private final ClusterReport.Round result;
    private final Progress progress;
    private final List<ProcessTree> brokers = new ArrayList<>();
    private Optional<ProcessTree> dependency = Optional.empty();

    ClusterRound(ClusterUnderTest system, int round, KafkaTools tools, ClusterOptions options, Path dir,
                 Progress progress) {
        this.system = system;
        this.tools = tools;
        this.options = options;
        this.progress = progress;
        this.spec = ClusterSpec.fresh(dir, options.brokers(), options.heapOpts(), options.dependencyHeap());
        this.result = new ClusterReport.Round(system.name(), round);
    }

    ClusterReport.Round run() throws InterruptedException {
        try {
            Files.createDirectories(spec.dir());
            system.prepare(spec);
            start();
            measure();
            stop();
        } catch (LaunchException e) {
            result.note("start failed: " + e.getMessage());
        } catch (IOException | RuntimeException | java.util.concurrent.ExecutionException e) {
            result.note("round aborted: " + e);
        } finally {
            List<ProcessTree> all = new ArrayList<>(brokers);
            dependency.ifPresent(all::add);
            for (ProcessTree p : all) {
                if (p.isAlive()) {
                    p.kill();
                }
                ChildProcesses.forget(p.root());
            }
            if (!options.keepData()) {
                Directories.deleteQuietly(spec.dir());
            }
        }
        return result;
    }

    private void start() throws LaunchException, IOException, InterruptedException,
            java.util.concurrent.ExecutionException {
        progress.say(system.name() + ": starting " + spec.brokers().size() + " brokers");
        long t0 = System.nanoTime();
        dependency = system.startDependency(spec);
        for (int id = 0; id < spec.brokers().size(); id++) {
            ProcessTree broker = system.spawnBroker(spec, id);
            ChildProcesses.register(broker.root());
            brokers.add(broker);
        }
        try (TopicAdmin admin = new TopicAdmin(spec.bootstrap())) {
            admin.awaitBrokers(spec.brokers().size(), options.plan().startTimeout());
            result.put(ClusterMetric.START_S, (System.nanoTime() - t0) / 1e9);
            admin.createReplicatedAndAwaitFullIsr(TOPIC, PARTITIONS, ClusterBrokerConfig.REPLICATION_FACTOR,
                    Map.of("min.insync.replicas", Integer.toString(ClusterBrokerConfig.MIN_INSYNC_REPLICAS)),
                    options.plan().toolTimeout());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new LaunchException(e.getMessage() + "; broker 0 output: "
                    + Directories.tail(spec.brokers().get(0).stderr(), spec.brokers().get(0).stdout()));
        }
    }

    private void measure() throws IOException, InterruptedException {
        long records = options.records();
        progress.say(system.name() + ": produce " + records + " × 100 B, acks=all");
        List<String> produceArgs = List.of("--bootstrap-server", spec.bootstrap(), "--topic", TOPIC,
                "--num-records", Long.toString(records), "--record-size", Integer.toString(RECORD_SIZE),
                "--throughput", "-1",
                "--command-property", "acks=all", "linger.ms=5", "batch.size=65536");
        long brokerCpu0 = brokerCpuNanos();
        long dependencyCpu0 = dependencyCpuNanos();
        ToolRun produce = tools.run("ProducerPerformance", produceArgs, spec.dir().resolve("produce"),
                options.plan().toolTimeout());
        long produceCpu = brokerCpuNanos() - brokerCpu0;
        Optional<PerfOutput.Produced> produced = parsed(produce, PerfOutput.producer(produce.stdout()), "produce");
        if (produced.isEmpty() || !allBrokersAlive("produce")) {
            return;
        }
        PerfOutput.Produced p = produced.get();
        result.put(ClusterMetric.PRODUCE_RECORDS_PER_S, p.recordsPerSec());
        result.put(ClusterMetric.PRODUCE_MIB_PER_S, p.mibPerSec());
        result.put(ClusterMetric.PRODUCE_P50_MS, p.p50Ms());
        result.put(ClusterMetric.PRODUCE_P99_MS, p.p99Ms());
        result.put(ClusterMetric.BROKER_CPU_US_PER_RECORD, produceCpu / 1e3 / p.records());

        progress.say(system.name() + ": consume");
        List<String> consumeArgs = List.of("--bootstrap-server", spec.bootstrap(), "--topic", TOPIC,
                "--num-records", Long.toString(p.records()), "--timeout", "30000",
                "--group", "bench-consumer-" + result.round());
        ToolRun consume = tools.run("ConsumerPerformance", consumeArgs, spec.dir().resolve("consume"),
                options.plan().toolTimeout());
        long trafficCpu = brokerCpuNanos() - brokerCpu0;
        long dependencyCpu = dependencyCpuNanos() - dependencyCpu0;
        Optional<PerfOutput.Consumed> consumed = parsed(consume, PerfOutput.consumer(consume.stdout()), "consume");
        if (consumed.isEmpty() || !allBrokersAlive("consume")) {
            result.note("CPU per GiB not reported: it needs the consume run, which did not complete");
            return;
        }
        result.put(ClusterMetric.CONSUME_MIB_PER_S, consumed.get().fetchMibPerSec());
        double gib = ((double) p.records() * RECORD_SIZE + consumed.get().mib() * MIB) / GIB;
        result.put(ClusterMetric.BROKER_CPU_S_PER_GIB, trafficCpu / 1e9 / gib);
        if (dependency.isPresent()) {
            result.put(ClusterMetric.DEPENDENCY_CPU_S_PER_GIB, dependencyCpu / 1e9 / gib);
        }
        result.put(ClusterMetric.PEAK_RSS_MIB, brokers.stream().mapToLong(ProcessTree::peakRssBytes).sum() / MIB);
    }

    private long brokerCpuNanos() {
        return brokers.stream().mapToLong(ProcessTree::cpuNanos).sum();
    }

    private long dependencyCpuNanos() {
        return dependency.map(ProcessTree::cpuNanos).orElse(0L);
    }

    private boolean allBrokersAlive(String during) {
        for (int id = 0; id < brokers.size(); id++) {
            if (!brokers.get(id).isAlive()) {
                result.note("broker " + id + " exited during " + during + " (code "
                        + brokers.get(id).root().exitValue() + ")");
                return false;
            }
        }
        return true;
    }

    private <T> Optional<T> parsed(ToolRun run, Optional<T> summary, String label) {
        if (!run.succeeded()) {
            result.note(label + ": " + run.failure());
            return Optional.empty();
        }
        if (summary.isEmpty()) {
            result.note(label + ": no summary in " + run.tool() + " output");
        }
        return summary;
    }

    /** SIGTERM to every broker at once (a sequential stop would time each broker's leadership moves), then the dependency. */
    private void stop() throws InterruptedException {
        progress.say(system.name() + ": stopping");
        for (ProcessTree broker : brokers) {
            broker.root().toHandle().descendants().forEach(ProcessHandle::destroy);
            broker.root().destroy();
        }
        for (int id = 0; id < brokers.size(); id++) {
            if (!brokers.get(id).terminate(STOP_TIMEOUT)) {
                result.note("broker " + id + " did not exit within " + STOP_TIMEOUT.toSeconds()
                        + " s of SIGTERM; killed");
                brokers.get(id).kill();
            }
        }
        if (dependency.isPresent() && !dependency.get().terminate(STOP_TIMEOUT)) {
            dependency.get().kill();
        }
    }
}
