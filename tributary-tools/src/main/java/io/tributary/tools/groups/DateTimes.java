package io.tributary.tools.groups;

import io.tributary.tools.ToolException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Parses {@code --to-datetime} values: {@code YYYY-MM-DDTHH:mm:SS.sss}, optionally without milliseconds and
 * optionally followed by a zone ({@code Z}, {@code +08:00}); without a zone the given local zone applies.
 */
public final class DateTimes {

    private DateTimes() {
    }

    /** Epoch milliseconds of {@code text}. */
    public static long parse(String text, ZoneId localZone) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException withoutZone) {
            try {
                return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                        .atZone(localZone).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new ToolException("Error parsing timestamp '" + text
                        + "': expected the format YYYY-MM-DDTHH:mm:SS.sss, optionally with a zone such as Z or +08:00");
            }
        }
    }
}
