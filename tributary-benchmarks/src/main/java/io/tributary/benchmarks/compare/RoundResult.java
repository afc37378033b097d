package io.tributary.benchmarks.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What one round of one system measured, plus notes on whatever could not be measured and why. Written by
 * the round that owns it, read by the report afterwards; not thread-safe.
 */
public final class RoundResult {

    private final String system;
    private final int round;
    private final Map<Metric, Double> values = new EnumMap<>(Metric.class);
    private final List<String> notes = new ArrayList<>();

    public RoundResult(String system, int round) {
        this.system = system;
        this.round = round;
    }

    public String system() {
        return system;
    }

    public int round() {
        return round;
    }

    void put(Metric metric, double value) {
        if (!Double.isNaN(value) && !Double.isInfinite(value)) {
            values.put(metric, value);
        }
    }

    void note(String note) {
        notes.add(note);
    }

    public OptionalDouble get(Metric metric) {
        Double v = values.get(metric);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    public boolean measuredAnything() {
        return !values.isEmpty();
    }

    public List<String> notes() {
        return Collections.unmodifiableList(notes);
    }
}
