package io.tributary.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Turns the rounds into the comparison table: per metric, the median of each system over the rounds that
 * measured it, the ratio Tributary/Kafka, and the target verdict; then every note on what failed. Also
 * writes the raw per-round values as CSV so a reader can check any median. Not thread-safe.
 */
final class Report {

    static final String KAFKA = "kafka";
    static final String TRIBUTARY = "tributary";

    private final List<RoundResult> rounds;

    Report(List<RoundResult> rounds) {
        this.rounds = List.copyOf(rounds);
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| metric | unit | Kafka 4.2.0 | Tributary | Tributary/Kafka | target | met |\n");
        sb.append("|---|---|---:|---:|---:|---|---|\n");
        for (Metric m : Metric.values()) {
            double kafka = median(KAFKA, m);
            double tributary = median(TRIBUTARY, m);
            double ratio = tributary / kafka;
            String met = m.target().met(tributary, ratio).map(ok -> ok ? "yes" : "NO").orElse("");
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", m.label(), m.unit(),
                    cell(kafka, KAFKA, m), cell(tributary, TRIBUTARY, m), ratioCell(ratio), m.target().describe(),
                    met));
        }
        sb.append('\n').append(roundsLine(KAFKA)).append('\n').append(roundsLine(TRIBUTARY)).append('\n');
        List<String> notes = new ArrayList<>();
        for (RoundResult r : rounds) {
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
        for (RoundResult r : rounds) {
            for (Metric m : Metric.values()) {
                OptionalDouble v = r.get(m);
                if (v.isPresent()) {
                    lines.add(String.format(Locale.ROOT, "%s,%d,%s,%s,%s", r.system(), r.round(), m.name(),
                            m.unit(), v.getAsDouble()));
                }
            }
        }
        Files.write(file, lines);
    }

    double median(String system, Metric metric) {
        List<Double> values = rounds.stream().filter(r -> r.system().equals(system))
                .map(r -> r.get(metric)).filter(OptionalDouble::isPresent).map(OptionalDouble::getAsDouble)
                .toList();
        return Medians.of(values);
    }

    private String cell(double median, String system, Metric metric) {
        if (Double.isNaN(median)) {
            return "—";
        }
        long n = rounds.stream().filter(r -> r.system().equals(system) && r.get(metric).isPresent()).count();
        long of = rounds.stream().filter(r -> r.system().equals(system)).count();
        return format(median) + (n < of ? " (" + n + "/" + of + ")" : "");
    }

    private static String ratioCell(double ratio) {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "—" : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    static String format(double v) {
        double abs = Math.abs(v);
        String pattern = abs >= 1000 ? "%,.0f" : abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }

    private String roundsLine(String system) {
        List<RoundResult> mine = rounds.stream().filter(r -> r.system().equals(system)).toList();
        if (mine.isEmpty()) {
            return "- " + system + ": not run";
        }
        String measured = mine.stream().map(r -> r.measuredAnything() ? "ok" : "failed")
                .collect(Collectors.joining(", "));
        return "- " + system + ": " + mine.size() + " round(s): " + measured;
    }
}
