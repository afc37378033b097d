package io.tributary.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Side-by-side comparison of Tributary with Apache Kafka 4.2.0 on this machine: A B A B over the rounds,
 * a fresh broker and data directory each time, identical workloads driven by Kafka's own perf tools, and a
 * table of medians and ratios at the end (also written to report.md and rounds.csv in the work directory).
 * A system that fails to start is reported and the other is still measured. Run it via bench/compare.sh.
 */
public final class CompareMain {

    private CompareMain() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(CompareOptions.USAGE);
            return;
        }
        CompareOptions options;
        try {
            options = CompareOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Files.createDirectories(options.workDir());
        KafkaTools tools = new KafkaTools(options.kafkaLibs(), options.workDir(), options.clientHeap());
        List<SystemUnderTest> systems = new ArrayList<>();
        for (String name : options.systems()) {
            systems.add(name.equals(Report.KAFKA)
                    ? new ApacheKafka(tools)
                    : new Tributary(options.repoRoot(), options.tributaryCmd()));
        }
        Progress progress = new Progress(System.err);
        progress.say("work directory " + options.workDir());
        String machineBefore = MachineFacts.describe();
        List<RoundResult> results = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            progress.round(round, options.rounds());
            for (SystemUnderTest system : systems) {
                Path dir = options.workDir().resolve(String.format(Locale.ROOT, "round-%d-%s", round, system.name()));
                RoundResult result = new BrokerRound(system, round, tools, options.plan(), dir, options.heapOpts(),
                        options.keepData(), progress).run();
                result.notes().forEach(n -> progress.say(system.name() + ": " + n));
                results.add(result);
            }
        }
        String report = header(options, args, machineBefore) + new Report(results).markdown();
        Files.writeString(options.workDir().resolve("report.md"), report);
        new Report(results).writeCsv(options.workDir().resolve("rounds.csv"));
        System.out.println(report);
        progress.say("report written to " + options.workDir().resolve("report.md"));
    }

    private static String header(CompareOptions o, String[] args, String machineBefore) throws IOException {
        WorkloadPlan p = o.plan();
        return String.format(Locale.ROOT, """
                # Tributary vs Apache Kafka 4.2.0 — %s

                Command: `bench/compare.sh %s`
                Machine at start: %s
                Machine at end:   %s
                Rounds: %d, systems: %s, broker heap: %s, client heap: %s
                Workloads: 100 B × %,d (acks=1, acks=all), 1 KiB × %,d then consumed, end-to-end × %,d, \
                %,d partitions × %,d records; 3-partition topics, linger.ms=5, batch.size=65536

                """, ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS), String.join(" ", args), machineBefore,
                MachineFacts.describe(),
                o.rounds(), String.join(", ", o.systems()), o.heapOpts(), o.clientHeap(), p.records100B(),
                p.records1KiB(), p.endToEndRecords(), p.manyPartitions(), p.manyPartitionRecords());
    }
}
