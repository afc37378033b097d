package io.tributary.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Side-by-side comparison of replicated clusters: Tributary and Apache Kafka 4.2.0, each as N brokers on
 * loopback, A B A B over the rounds with a fresh cluster each time, one acks=all produce and one consume run
 * driven by Kafka's own perf tools, and a table of medians and ratios (also written to report.md and
 * rounds.csv in the work directory). Run it via {@code bench/compare.sh --cluster 3}.
 */
public final class ClusterCompareMain {

    private ClusterCompareMain() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(ClusterOptions.USAGE);
            return;
        }
        ClusterOptions options;
        try {
            options = ClusterOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Files.createDirectories(options.workDir());
        KafkaTools tools = new KafkaTools(options.kafkaLibs(), options.workDir(), options.clientHeap());
        List<ClusterUnderTest> systems = new ArrayList<>();
        for (String name : options.systems()) {
            systems.add(name.equals(Report.KAFKA)
                    ? new KafkaCluster(tools)
                    : new TributaryCluster(options.repoRoot(), options.launcher()));
        }
        Progress progress = new Progress(System.err);
        progress.say("work directory " + options.workDir());
        String machineBefore = MachineFacts.describe();
        List<ClusterReport.Round> results = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            progress.round(round, options.rounds());
            for (ClusterUnderTest system : systems) {
                ClusterReport.Round result = new ClusterRound(system, round, tools, options,
                        options.workDir().resolve(String.format(Locale.ROOT, "round-%d-%s", round, system.name())),
                        progress).run();
                result.notes().forEach(n -> progress.say(system.name() + ": " + n));
                results.add(result);
            }
        }
        ClusterReport report = new ClusterReport(results);
        String text = header(options, args, machineBefore) + report.markdown();
        Files.writeString(options.workDir().resolve("report.md"), text);
        report.writeCsv(options.workDir().resolve("rounds.csv"));
        System.out.println(text);
        progress.say("report written to " + options.workDir().resolve("report.md"));
    }

    private static String header(ClusterOptions o, String[] args, String machineBefore) throws IOException {
        return String.format(Locale.ROOT, """
                # %d-broker clusters: Tributary vs Apache Kafka 4.2.0 — %s

                Command: `bench/compare.sh %s`
                Machine at start: %s
                Machine at end:   %s
                Rounds: %d, systems: %s, heap per broker: %s, ZooKeeper heap (Tributary): %s, client heap: %s
                Workload: topic of 3 partitions, RF 3, min.insync.replicas=2; 100 B × %,d with acks=all, \
                linger.ms=5, batch.size=65536, then consumed

                """, o.brokers(), ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS), String.join(" ", args),
                machineBefore, MachineFacts.describe(), o.rounds(), String.join(", ", o.systems()), o.heapOpts(),
                o.dependencyHeap(), o.clientHeap(), o.records());
    }
}
