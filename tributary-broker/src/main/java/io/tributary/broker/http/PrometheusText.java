package io.tributary.broker.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes metric families in the Prometheus text exposition format (version 0.0.4): one HELP and TYPE line per
 * family, then its samples, label values escaped as the format requires. Families are written in name order and
 * every family's samples together, as parsers expect. Not thread-safe; one per scrape.
 */
final class PrometheusText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private record Sample(String name, List<String> labels, double value) {
    }

    private static final class Family {
        final String type;
        final String help;
        final List<Sample> samples = new ArrayList<>();

        Family(String type, String help) {
            this.type = type;
            this.help = help;
        }
    }

    private final Map<String, Family> families = new TreeMap<>();

    /** {@code labels} are name, value pairs. */
    void add(String family, String type, String help, double value, List<String> labels) {
        add(family, family, type, help, value, labels);
    }

    /** A sample whose name differs from its family's (a summary's {@code _count}). */
    void add(String family, String sampleName, String type, String help, double value, List<String> labels) {
        families.computeIfAbsent(family, f -> new Family(type, help)).samples.add(new Sample(sampleName, labels, value));
    }

    String render() {
        StringBuilder out = new StringBuilder(families.size() * 128);
        for (Map.Entry<String, Family> entry : families.entrySet()) {
            Family family = entry.getValue();
            out.append("# HELP ").append(entry.getKey()).append(' ').append(escapeHelp(family.help)).append('\n');
            out.append("# TYPE ").append(entry.getKey()).append(' ').append(family.type).append('\n');
            for (Sample sample : family.samples) {
                out.append(sample.name());
                if (!sample.labels().isEmpty()) {
                    out.append('{');
                    for (int i = 0; i < sample.labels().size(); i += 2) {
                        if (i > 0) {
                            out.append(',');
                        }
                        out.append(sample.labels().get(i)).append("=\"").append(escapeLabel(sample.labels().get(i + 1)))
                                .append('"');
                    }
                    out.append('}');
                }
                out.append(' ').append(format(sample.value())).append('\n');
            }
        }
        return out.toString();
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** Prometheus metric and label names allow [a-zA-Z0-9_:] only. */
    static String sanitize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == ':' ? c : '_');
        }
        return sb.toString();
    }
}
