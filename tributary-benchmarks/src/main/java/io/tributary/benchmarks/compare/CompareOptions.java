package io.tributary.benchmarks.compare;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The comparison's command line, parsed once. Immutable.
 *
 * @param rounds        A/B rounds; each system gets a fresh broker per round
 * @param plan          workload sizes and time bounds
 * @param systems       systems to run, in the order they alternate within a round
 * @param kafkaLibs     the jars bench/kafka/pom.xml resolved
 * @param tributaryCmd  Tributary's start command, {@code {config}} standing for the server.properties path
 * @param repoRoot      where Tributary's start command runs
 * @param workDir       per-run directory for configs, logs, tool output and the report
 * @param heapOpts      JVM heap options given to both brokers
 * @param clientHeap    JVM heap option for the perf tools
 * @param keepData      keep each broker's data directory after its round
 */
public record CompareOptions(int rounds, WorkloadPlan plan, List<String> systems, Path kafkaLibs,
                             String tributaryCmd, Path repoRoot, Path workDir, String heapOpts, String clientHeap,
                             boolean keepData) {

    static final String USAGE = """
            usage: bench/compare.sh [--quick] [--rounds N] [--only kafka|tributary] [--many-partitions N]
                                    [--tributary-cmd "bin/tributary server-start {config}"] [--heap -Xmx1g]
                                    [--client-heap -Xmx512m] [--kafka-libs DIR] [--work-dir DIR] [--keep-data]
              --quick            one round of small workloads: proves the harness, figures not comparable
              --rounds N         A/B rounds (default 3; --quick defaults to 1)
              --only SYSTEM      run one system only (kafka or tributary)
              --many-partitions  partitions of the many-partition topic (default 1000; quick 100)
            """;

    public static CompareOptions parse(String[] args) {
        Path repoRoot = Path.of("").toAbsolutePath();
        Integer rounds = null;
        boolean quick = false;
        boolean keepData = false;
        Integer manyPartitions = null;
        List<String> systems = new ArrayList<>(List.of(Report.KAFKA, Report.TRIBUTARY));
        Path kafkaLibs = repoRoot.resolve("bench/kafka/target/kafka-4.2.0/libs");
        String tributaryCmd = "bin/tributary server-start {config}";
        Path workDir = null;
        String heap = "-Xmx1g";
        String clientHeap = "-Xmx512m";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> quick = true;
                case "--keep-data" -> keepData = true;
                case "--rounds" -> rounds = Integer.parseInt(value(args, ++i, a));
                case "--many-partitions" -> manyPartitions = Integer.parseInt(value(args, ++i, a));
                case "--only" -> systems = List.of(system(value(args, ++i, a)));
                case "--kafka-libs" -> kafkaLibs = Path.of(value(args, ++i, a)).toAbsolutePath();
                case "--tributary-cmd" -> tributaryCmd = value(args, ++i, a);
                case "--work-dir" -> workDir = Path.of(value(args, ++i, a)).toAbsolutePath();
                case "--heap" -> heap = value(args, ++i, a);
                case "--client-heap" -> clientHeap = value(args, ++i, a);
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        WorkloadPlan plan = quick ? WorkloadPlan.quick() : WorkloadPlan.full();
        if (manyPartitions != null) {
            plan = plan.withManyPartitions(manyPartitions);
        }
        if (workDir == null) {
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            workDir = repoRoot.resolve("bench/target/compare-" + stamp);
        }
        int r = rounds != null ? rounds : quick ? 1 : 3;
        if (r < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
        }
        return new CompareOptions(r, plan, systems, kafkaLibs, tributaryCmd, repoRoot, workDir, heap, clientHeap,
                keepData);
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
