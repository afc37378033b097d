package io.tributary.tools.groups;

import java.time.ZoneId;
import picocli.CommandLine.Option;

/** The mutually exclusive {@code --to-*} / {@code --shift-by} flags of {@code --reset-offsets}. */
final class ResetStrategyOptions {

    @Option(names = "--to-earliest", description = "Reset to the earliest offset.") boolean toEarliest;
    @Option(names = "--to-latest", description = "Reset to the latest offset.") boolean toLatest;
    @Option(names = "--to-current", description = "Reset to the committed offset.") boolean toCurrent;
    @Option(names = "--to-offset", paramLabel = "<n>", description = "Reset to this offset.") Long toOffset;
    @Option(names = "--shift-by", paramLabel = "<n>", description = "Move the committed offset by n (may be negative).")
    Long shiftBy;
    @Option(names = "--to-datetime", paramLabel = "<YYYY-MM-DDTHH:mm:SS.sss>",
            description = "Reset to the first offset at or after this time.") String toDatetime;

    OffsetReset.Plan toPlan(ZoneId zone) {
        if (toEarliest) {
            return new OffsetReset.Plan(OffsetResetPlanner.Strategy.TO_EARLIEST, 0);
        }
        if (toLatest) {
            return new OffsetReset.Plan(OffsetResetPlanner.Strategy.TO_LATEST, 0);
        }
        if (toCurrent) {
            return new OffsetReset.Plan(OffsetResetPlanner.Strategy.TO_CURRENT, 0);
        }
        if (toOffset != null) {
            return new OffsetReset.Plan(OffsetResetPlanner.Strategy.TO_OFFSET, toOffset);
        }
        if (shiftBy != null) {
            return new OffsetReset.Plan(OffsetResetPlanner.Strategy.SHIFT_BY, shiftBy);
        }
        return new OffsetReset.Plan(OffsetResetPlanner.Strategy.TO_DATETIME, DateTimes.parse(toDatetime, zone));
    }
}
