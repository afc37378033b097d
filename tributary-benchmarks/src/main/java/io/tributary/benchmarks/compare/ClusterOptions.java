package io.tributary.benchmarks.compare;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster comparison's command line ({@code bench/compare.sh --cluster 3 ...}), parsed once. Immutable.
 *
 * @param brokers        brokers per cluster (at least 3: the topic has replication factor 3)
 * @param rounds         A/B rounds; each system gets a fresh cluster per round
 * @param records        100-byte records produced with acks=all, then consumed, per round
 * @param plan           time bounds (start and tool timeouts)
 * @param systems        systems to run, in the order they alternate within a round
 * @param kafkaLibs      the jars bench/kafka/pom.xml resolved
 * @param launcher       Tributary's launcher script, relative to the repository root
 * @param repoRoot       where Tributary's launcher runs
 * @param workDir        per-run directory for configs, logs, tool output and the report
 * @param heapOpts       JVM heap options given to every broker of both systems
 * @param dependencyHeap JVM heap option for Tributary's ZooKeeper
 * @param clientHeap     JVM heap option for the perf tools
 * @param keepData       keep each cluster's directories after its round
 */
public record ClusterOptions(int brokers, int rounds, long records, WorkloadPlan plan, List<String> systems,
                             Path kafkaLibs, String launcher, Path repoRoot, Path workDir, String heapOpts,
                             String dependencyHeap, String clientHeap, boolean keepData) {

    static final String USAGE = """
            usage: bench/compare.sh --cluster N [--quick] [--rounds N] [--records N] [--only kafka|tributary]
                                    [--heap -Xmx1g] [--zookeeper-heap -Xmx256m] [--client-heap -Xmx512m]
                                    [--launcher bin/tributary] [--kafka-libs DIR] [--work-dir DIR] [--keep-data]
              --cluster N        brokers per cluster, N >= 3; topic: 3 partitions, RF 3, min.insync.replicas=2
              --quick            one round of 200,000 records: proves the harness, figures not comparable
              --rounds N         A/B rounds (default 2; --quick defaults to 1)
              --records N        100-byte records produced with acks=all and consumed (default 1,000,000)
              --only SYSTEM      run one system only (kafka or tributary)
            """;

    public static ClusterOptions parse(String[] args) {
        Path repoRoot = Path.of("").toAbsolutePath();
        Integer brokers = null;
        Integer rounds = null;
        Long records = null;
        boolean quick = false;
        boolean keepData = false;
        List<String> systems = new ArrayList<>(List.of(Report.KAFKA, Report.TRIBUTARY));
        Path kafkaLibs = repoRoot.resolve("bench/kafka/target/kafka-4.2.0/libs");
        String launcher = "bin/tributary";
        Path workDir = null;
        String heap = "-Xmx1g";
        String zookeeperHeap = "-Xmx256m";
        String clientHeap = "-Xmx512m";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--cluster" -> brokers = Integer.parseInt(value(args, ++i, a));
                case "--quick" -> quick = true;
                case "--keep-data" -> keepData = true;
                case "--rounds" -> rounds = Integer.parseInt(value(args, ++i, a));
                case "--records" -> records = Long.parseLong(value(args, ++i, a));
                case "--only" -> systems = List.of(system(value(args, ++i, a)));
                case "--kafka-libs" -> kafkaLibs = Path.of(value(args, ++i, a)).toAbsolutePath();
                case "--launcher" -> launcher = value(args, ++i, a);
                case "--work-dir" -> workDir = Path.of(value(args, ++i, a)).toAbsolutePath();
                case "--heap" -> heap = value(args, ++i, a);
                case "--zookeeper-heap" -> zookeeperHeap = value(args, ++i, a);
                case "--client-heap" -> clientHeap = value(args, ++i, a);
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        if (brokers == null || brokers < ClusterBrokerConfig.REPLICATION_FACTOR) {
            throw new IllegalArgumentException("--cluster needs at least " + ClusterBrokerConfig.REPLICATION_FACTOR
                    + " brokers\n" + USAGE);
        }
        int r = rounds != null ? rounds : quick ? 1 : 2;
        long n = records != null ? records : quick ? 200_000 : 1_000_000;
        if (r < 1 || n < 1) {
            throw new IllegalArgumentException("--rounds and --records must be at least 1");
        }
        if (workDir == null) {
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            workDir = repoRoot.resolve("bench/target/compare-cluster-" + stamp);
        }
        WorkloadPlan plan = quick ? WorkloadPlan.quick() : WorkloadPlan.full();
        return new ClusterOptions(brokers, r, n, plan, systems, kafkaLibs, launcher, repoRoot, workDir, heap,
                zookeeperHeap, clientHeap, keepData);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static String system(String name) {
        if (!name.equals(Report.KAFKA) && !name.equals(Report.TRIBUTARY)) {
            throw new IllegalArgumentException("--only takes kafka or tributary, not " + name);
        }
        return name;
    }
}
