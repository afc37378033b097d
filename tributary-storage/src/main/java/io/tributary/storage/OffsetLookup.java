package io.tributary.storage;

import io.tributary.storage.segment.LogSegment;
import io.tributary.storage.segment.TimestampAndOffset;
import java.io.IOException;
import java.util.Optional;

/**
 * ListOffsets over a log: earliest, latest, max timestamp, or first offset at or after a timestamp via the
 * time indexes. Lock-free: works on the log's concurrent segment map.
 */
final class OffsetLookup {

    static final long LATEST = -1L;
    static final long EARLIEST = -2L;
    static final long MAX_TIMESTAMP = -3L;

    private final UnifiedLog log;

    OffsetLookup(UnifiedLog log) {
        this.log = log;
    }

    Optional<TimestampAndOffset> offsetForTimestamp(long timestamp) {
        if (timestamp == EARLIEST) {
            return Optional.of(new TimestampAndOffset(-1L, log.logStartOffset()));
        }
        if (timestamp == LATEST) {
            return Optional.of(new TimestampAndOffset(-1L, log.logEndOffset()));
        }
        try {
            if (timestamp == MAX_TIMESTAMP) {
                TimestampAndOffset best = null;
                for (LogSegment segment : log.segments.values()) {
                    Optional<TimestampAndOffset> max = segment.maxTimestampAndOffset();
                    if (max.isPresent() && (best == null || max.get().timestamp() > best.timestamp())) {
                        best = max.get();
                    }
                }
                return Optional.ofNullable(best);
            }
            long start = log.logStartOffset();
            for (LogSegment segment : log.segments.values()) {
                Optional<TimestampAndOffset> max = segment.maxTimestampAndOffset();
                if (max.isEmpty() || max.get().timestamp() < timestamp) {
                    continue;
                }
                Optional<TimestampAndOffset> found = segment.findOffsetByTimestamp(timestamp, start);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw log.storageFailure("look up offsets of", e);
        }
    }
}
