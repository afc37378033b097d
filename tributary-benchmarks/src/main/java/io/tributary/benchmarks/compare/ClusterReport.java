package io.tributary.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the cluster rounds measured and the table made of it: per metric, the median of each system over the
 * rounds that measured it and the ratio Tributary/Kafka, then the notes on what failed. Rounds write their
 * values and notes while they run; the table is made afterwards. Not thread-safe.
 */
final class ClusterReport {

    /** One round of one system: its values and its notes. */
    record Round(String system, int round, Map<ClusterMetric, Double> values, List<String> notes) {

        Round(String system, int round) {
            this(system, round, new EnumMap<>(ClusterMetric.class), new ArrayList<>());
        }

        void put(ClusterMetric metric, double value) {
            if (!Double.isNaN(value) && !Double.isInfinite(value)) {
                values.put(metric, value);
            }
        }

        void note(String note) {
            notes.add(note);
        }
    }

    private final List<Round> rounds;

    ClusterReport(List<Round> rounds) {
        this.rounds = List.copyOf(rounds);
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| metric | unit | Kafka 4.2.0 | Tributary | Tributary/Kafka | better |\n");
        sb.append("|---|---|---:|---:|---:|---|\n");
        for (ClusterMetric m : ClusterMetric.values()) {
            double kafka = median(Report.KAFKA, m);
            double tributary = median(Report.TRIBUTARY, m);
            double ratio = tributary / kafka;
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", m.label(), m.unit(),
                    cell(kafka), cell(tributary),
                    Double.isNaN(ratio) || Double.isInfinite(ratio) ? "—" : String.format(Locale.ROOT, "%.2f×", ratio),
                    m.lowerIsBetter() ? "lower" : "higher"));
        }
        List<String> notes = new ArrayList<>();
        for (Round r : rounds) {
            r.notes().forEach(n -> notes.add("- " + r.system() + " round " + r.round() + ": " + n));
        }
        if (!notes.isEmpty()) {
            sb.append("\nNot measured / problems:\n").append(String.join("\n", notes)).append('\n');
        }
        return sb.toString();
    }

    void writeCsv(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("system,round,metric,unit,value");
        for (Round r : rounds) {
            r.values().forEach((m, v) -> lines.add(String.format(Locale.ROOT, "%s,%d,%s,%s,%s", r.system(),
                    r.round(), m.name(), m.unit(), v)));
        }
        Files.write(file, lines);
    }

    double median(String system, ClusterMetric metric) {
        return Medians.of(rounds.stream().filter(r -> r.system().equals(system))
                .map(r -> r.values().get(metric)).filter(v -> v != null).toList());
    }

    private static String cell(double median) {
        return Double.isNaN(median) ? "—" : Report.format(median);
    }
}
