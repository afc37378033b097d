package io.tributary.benchmarks.compare;

import java.util.List;

/** The median of a sample, the figure the report prints because it ignores a single disturbed round. */
final class Medians {

    private Medians() {
    }

    /** Median of the values; NaN for an empty list; the mean of the middle two for an even count. */
    static double of(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }
}
