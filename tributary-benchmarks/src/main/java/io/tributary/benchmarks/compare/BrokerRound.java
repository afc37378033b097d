package io.tributary.benchmarks.compare;

import io.tributary.benchmarks.compare.KafkaTools.ToolRun;
import io.tributary.benchmarks.compare.PerfOutput.Consumed;
import io.tributary.benchmarks.compare.PerfOutput.EndToEnd;
import io.tributary.benchmarks.compare.PerfOutput.Produced;
import io.tributary.benchmarks.compare.SystemUnderTest.LaunchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One round of one system: start a fresh broker on a fresh data directory, run every workload of the plan
 * in a fixed order, sample the broker's CPU and memory from /proc around each, stop it with SIGTERM and
 * delete its data. A workload that fails is noted and the next one still runs; a broker that dies ends the
 * round. Single-threaded; used once.
 */
final class BrokerRound {

    private static final double MIB = 1 << 20;
    private static final double GIB = 1L << 30;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String TOPIC_ACKS1 = "bench-p3-acks1";
    private static final String TOPIC_ACKSALL = "bench-p3-acksall";
    private static final String TOPIC_1K = "bench-p3-1k";
    private static final String TOPIC_E2E = "bench-e2e";
    private static final String TOPIC_MANY = "bench-many";
    private static final String TOPIC_TXN = "bench-p3-txn";
    private static final String MANY_PARTITIONS_LABEL = "produce-many";

    private final SystemUnderTest system;
    private final KafkaTools tools;
    private final WorkloadPlan plan;
    private final Path dir;
    private final String heapOpts;
    private final boolean keepData;
    private final RoundResult result;
    private final Progress progress;

    private ProcessTree broker;
    private String bootstrap;
    private long trafficCpuNanos;
    private double trafficBytes;
    private boolean consumed;
    private double producedBytes;

    BrokerRound(SystemUnderTest system, int round, KafkaTools tools, WorkloadPlan plan, Path dir, String heapOpts,
                boolean keepData, Progress progress) {
        this.system = system;
        this.tools = tools;
        this.plan = plan;
        this.dir = dir;
        this.heapOpts = heapOpts;
        this.keepData = keepData;
        this.progress = progress;
        this.result = new RoundResult(system.name(), round);
    }

    RoundResult run() throws InterruptedException {
        BrokerSpec spec = new BrokerSpec(dir, FreePorts.pick(), heapOpts);
        bootstrap = "127.0.0.1:" + spec.port();
        try {
            Files.createDirectories(dir);
            system.prepare(spec);
            if (start(spec)) {
                runWorkloads(spec);
                stop();
            }
        } catch (LaunchException e) {
            result.note("start failed: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            result.note("round aborted: " + e);
        } finally {
            if (broker != null && broker.isAlive()) {
                broker.kill();
            }
            if (broker != null) {
                ChildProcesses.forget(broker.root());
            }
            if (!keepData) {
                Directories.deleteQuietly(spec.dataDir());
            }
        }
        return result;
    }

    private boolean start(BrokerSpec spec) throws LaunchException, IOException, InterruptedException {
        progress.say(system.name() + ": starting");
        long t0 = System.nanoTime();
        broker = system.spawn(spec);
        ChildProcesses.register(broker.root());
        boolean served = new MetadataProbe("127.0.0.1", spec.port())
                .awaitFirstAnswer(t0 + plan.startTimeout().toNanos(), broker);
        long coldStart = System.nanoTime() - t0;
        if (!served) {
            String why = broker.isAlive()
                    ? "no Metadata answer within " + plan.startTimeout().toSeconds() + " s"
                    : "process exited with code " + broker.root().exitValue() + " before answering Metadata";
            throw new LaunchException(why + "; last output: " + Directories.tail(spec.stderr(), spec.stdout()));
        }
        result.put(Metric.COLD_START_MS, coldStart / 1e6);
        Thread.sleep(plan.settle().toMillis());
        result.put(Metric.IDLE_RSS_MIB, broker.rssBytes() / MIB);
        return true;
    }

    private void runWorkloads(BrokerSpec spec) throws InterruptedException {
        try (TopicAdmin admin = new TopicAdmin(spec.port())) {
            step("create topics", () -> {
                for (String topic : List.of(TOPIC_ACKS1, TOPIC_ACKSALL, TOPIC_1K)) {
                    admin.createAndAwaitLeaders(topic, 3, plan.toolTimeout());
                }
                admin.createAndAwaitLeaders(TOPIC_E2E, 1, plan.toolTimeout());
            });
            step("produce 100 B acks=1", () -> produce100B(TOPIC_ACKS1, "1", Metric.PRODUCE_ACKS1_RECORDS_PER_S,
                    Metric.PRODUCE_ACKS1_MIB_PER_S, Metric.PRODUCE_ACKS1_P50_MS, Metric.PRODUCE_ACKS1_P99_MS,
                    Metric.CPU_US_PER_RECORD_ACKS1));
            step("produce 100 B acks=all", () -> produce100B(TOPIC_ACKSALL, "all",
                    Metric.PRODUCE_ACKSALL_RECORDS_PER_S, Metric.PRODUCE_ACKSALL_MIB_PER_S,
                    Metric.PRODUCE_ACKSALL_P50_MS, Metric.PRODUCE_ACKSALL_P99_MS, Metric.CPU_US_PER_RECORD_ACKSALL));
            step("produce 1 KiB", () -> produce(TOPIC_1K, plan.records1KiB(), 1024, "1", "produce-1k", null)
                    .ifPresent(p -> result.put(Metric.PRODUCE_1K_MIB_PER_S, p.mibPerSec())));
            step("disk usage", () -> result.put(Metric.DISK_BYTES_PER_BYTE,
                    Directories.diskUsageBytes(spec.dataDir()) / producedBytes));
            step("consume", this::consume);
            step("produce in transactions", () -> {
                admin.createAndAwaitLeaders(TOPIC_TXN, 3, plan.toolTimeout());
                produceTransactional();
            });
            step("consume read_committed", this::consumeReadCommitted);
            step("end-to-end latency", this::endToEnd);
            step("many partitions", () -> manyPartitions(admin));
        }
        // Produce-only CPU per GiB is not comparable with a system that also served the consume run.
        if (!consumed) {
            result.note("broker CPU per GiB not reported: it needs the consume run, which did not complete");
        } else if (trafficBytes > 0) {
            result.put(Metric.CPU_S_PER_GIB, trafficCpuNanos / 1e9 / (trafficBytes / GIB));
        }
        if (broker.isAlive()) {
            result.put(Metric.PEAK_RSS_MIB, broker.peakRssBytes() / MIB);
        }
    }

    private void produce100B(String topic, String acks, Metric rps, Metric mibps, Metric p50, Metric p99,
                             Metric cpuPerRecord) throws IOException, InterruptedException {
        produce(topic, plan.records100B(), 100, acks, "produce-100b-acks" + acks, cpuPerRecord).ifPresent(p -> {
            result.put(rps, p.recordsPerSec());
            result.put(mibps, p.mibPerSec());
            result.put(p50, p.p50Ms());
            result.put(p99, p.p99Ms());
        });
    }

    /**
     * Runs ProducerPerformance; counts its broker CPU and bytes into the per-GiB figure (except the
     * many-partition run, whose cost is mostly partition set-up and which the figure's definition leaves out)
     * and, when a metric is given, records the broker CPU per record there.
     */
    private Optional<Produced> produce(String topic, long records, int size, String acks, String label,
                                       Metric cpuPerRecord) throws IOException, InterruptedException {
        List<String> args = List.of("--bootstrap-server", bootstrap, "--topic", topic,
                "--num-records", Long.toString(records), "--record-size", Integer.toString(size),
                "--throughput", "-1",
                "--command-property", "acks=" + acks, "linger.ms=5", "batch.size=65536");
        long cpu0 = broker.cpuNanos();
        ToolRun run = tools.run("ProducerPerformance", args, dir.resolve(label), plan.toolTimeout());
        long cpu = broker.cpuNanos() - cpu0;
        Optional<Produced> produced = parsed(run, PerfOutput.producer(run.stdout()), label);
        produced.ifPresent(p -> {
            if (!label.equals(MANY_PARTITIONS_LABEL)) {
                trafficCpuNanos += cpu;
                trafficBytes += (double) p.records() * size;
                producedBytes += (double) p.records() * size;
            }
            if (cpuPerRecord != null) {
                result.put(cpuPerRecord, cpu / 1e3 / p.records());
            }
        });
        return produced;
    }

    private void consume() throws IOException, InterruptedException {
        List<String> args = List.of("--bootstrap-server", bootstrap, "--topic", TOPIC_1K,
                "--num-records", Long.toString(plan.records1KiB()), "--timeout", "30000",
                "--group", "bench-consumer-" + result.round());
        long cpu0 = broker.cpuNanos();
        ToolRun run = tools.run("ConsumerPerformance", args, dir.resolve("consume"), plan.toolTimeout());
        long cpu = broker.cpuNanos() - cpu0;
        parsed(run, PerfOutput.consumer(run.stdout()), "consume").ifPresent((Consumed c) -> {
            result.put(Metric.CONSUME_MIB_PER_S, c.fetchMibPerSec());
            result.put(Metric.CONSUME_GROUP_JOIN_MS, c.rebalanceMs());
            consumed = true;
            trafficCpuNanos += cpu;
            trafficBytes += c.mib() * MIB;
        });
    }

    /**
     * ProducerPerformance with a transactional id, committing every 50 ms: at this machine's rates about a
     * thousand records a transaction, so the coordinator's work (AddPartitions, EndTxn, markers) shows.
     */
    private void produceTransactional() throws IOException, InterruptedException {
        List<String> args = List.of("--bootstrap-server", bootstrap, "--topic", TOPIC_TXN,
                "--num-records", Long.toString(plan.records1KiB()), "--record-size", "100", "--throughput", "-1",
                "--transactional-id", "bench-txn-" + result.round(), "--transaction-duration-ms", "50",
                "--command-property", "acks=all", "linger.ms=5", "batch.size=65536");
        ToolRun run = tools.run("ProducerPerformance", args, dir.resolve("produce-txn"), plan.toolTimeout());
        parsed(run, PerfOutput.producer(run.stdout()), "produce-txn")
                .ifPresent(p -> result.put(Metric.PRODUCE_TXN_RECORDS_PER_S, p.recordsPerSec()));
    }

    private void consumeReadCommitted() throws IOException, InterruptedException {
        List<String> args = List.of("--bootstrap-server", bootstrap, "--topic", TOPIC_TXN,
                "--num-records", Long.toString(plan.records1KiB()), "--timeout", "30000",
                "--group", "bench-read-committed-" + result.round(),
                "--command-property", "isolation.level=read_committed");
        ToolRun run = tools.run("ConsumerPerformance", args, dir.resolve("consume-read-committed"), plan.toolTimeout());
        parsed(run, PerfOutput.consumer(run.stdout()), "consume-read-committed")
                .ifPresent((Consumed c) -> result.put(Metric.CONSUME_READ_COMMITTED_MIB_PER_S, c.fetchMibPerSec()));
    }

    private void endToEnd() throws IOException, InterruptedException {
        List<String> args = List.of(bootstrap, TOPIC_E2E, Long.toString(plan.endToEndRecords()), "1", "100");
        ToolRun run = tools.run("EndToEndLatency", args, dir.resolve("end-to-end"), plan.toolTimeout());
        parsed(run, PerfOutput.endToEnd(run.stdout()), "end-to-end").ifPresent((EndToEnd e) -> {
            result.put(Metric.E2E_P50_MS, e.p50Ms());
            result.put(Metric.E2E_P99_MS, e.p99Ms());
            result.put(Metric.E2E_P999_MS, e.p999Ms());
        });
    }

    private void manyPartitions(TopicAdmin admin) throws Exception {
        double createSeconds = admin.createAndAwaitLeaders(TOPIC_MANY, plan.manyPartitions(), plan.toolTimeout()) / 1e9;
        result.put(Metric.MANY_PARTITIONS_CREATE_S, createSeconds);
        Optional<Produced> produced = produce(TOPIC_MANY, plan.manyPartitionRecords(), 100, "1",
                MANY_PARTITIONS_LABEL, null);
        produced.ifPresent(p -> {
            result.put(Metric.MANY_PARTITIONS_RECORDS_PER_S, p.recordsPerSec());
            result.put(Metric.MANY_PARTITIONS_TOTAL_S, createSeconds + p.records() / p.recordsPerSec());
        });
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

    private void stop() throws InterruptedException {
        progress.say(system.name() + ": stopping");
        long t0 = System.nanoTime();
        if (broker.terminate(STOP_TIMEOUT)) {
            result.put(Metric.STOP_MS, (System.nanoTime() - t0) / 1e6);
        } else {
            result.note("did not exit within " + STOP_TIMEOUT.toSeconds() + " s of SIGTERM; killed");
            broker.kill();
        }
    }

    /** A workload body; any exception it throws is recorded against the workload's name. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private void step(String name, Step step) throws InterruptedException {
        if (!broker.isAlive()) {
            return;
        }
        progress.say(system.name() + ": " + name);
        try {
            step.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            result.note(name + " failed: " + e);
        }
        if (!broker.isAlive()) {
            result.note("broker exited during " + name + " (code " + broker.root().exitValue() + ")");
        }
    }
}
