package io.tributary.benchmarks.compare;

import java.util.Locale;
import java.util.Optional;

/**
 * A goal for one metric: either a bound on the ratio Tributary/Kafka or an absolute bound on Tributary's
 * own value. Immutable.
 */
public record Target(Kind kind, double bound) {

    /** How the bound is read. */
    public enum Kind { NONE, RATIO_AT_MOST, RATIO_AT_LEAST, ABSOLUTE_AT_MOST }

    public static Target none() {
        return new Target(Kind.NONE, Double.NaN);
    }

    public static Target ratioAtMost(double bound) {
        return new Target(Kind.RATIO_AT_MOST, bound);
    }

    public static Target ratioAtLeast(double bound) {
        return new Target(Kind.RATIO_AT_LEAST, bound);
    }

    public static Target atMost(double bound) {
        return new Target(Kind.ABSOLUTE_AT_MOST, bound);
    }

    /** How the target reads in the report, e.g. {@code ≤ 0.5×} or {@code ≤ 700}. */
    public String describe() {
        return switch (kind) {
            case NONE -> "";
            case RATIO_AT_MOST -> String.format(Locale.ROOT, "≤ %.1f×", bound);
            case RATIO_AT_LEAST -> String.format(Locale.ROOT, "≥ %.1f×", bound);
            case ABSOLUTE_AT_MOST -> String.format(Locale.ROOT, "≤ %.0f", bound);
        };
    }

    /**
     * Whether the target is met, or empty when there is nothing to judge (no target, or a value missing).
     *
     * @param tributary Tributary's median, NaN if not measured
     * @param ratio     Tributary/Kafka, NaN if either side is missing
     */
    public Optional<Boolean> met(double tributary, double ratio) {
        double value = kind == Kind.ABSOLUTE_AT_MOST ? tributary : ratio;
        if (kind == Kind.NONE || Double.isNaN(value)) {
            return Optional.empty();
        }
        return Optional.of(switch (kind) {
            case RATIO_AT_MOST, ABSOLUTE_AT_MOST -> value <= bound;
            case RATIO_AT_LEAST -> value >= bound;
            case NONE -> false;
        });
    }
}
