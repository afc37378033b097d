package io.tributary.storage;

import io.tributary.storage.config.LogConfig;
import io.tributary.storage.segment.LogSegment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which whole segments retention removes: those past {@code retention.ms}, the oldest while the
 * log exceeds {@code retention.bytes} (both only for cleanup.policy=delete), and those wholly below the log
 * start offset. Deletion walks from the oldest segment and stops at the first that must stay; nothing at
 * or above the high watermark goes. If every segment goes, a new empty active segment is rolled first so
 * the log always keeps one.
 *
 * <p>Not thread-safe: used with the log's lock held.
 */
final class LogRetention {

    private interface Deletable {
        boolean test(LogSegment segment, LogSegment next) throws IOException;
    }

    private final UnifiedLog log;

    LogRetention(UnifiedLog log) {
        this.log = log;
    }

    int deleteOldSegments() throws IOException {
        LogConfig config = log.config();
        int deleted = 0;
        if (config.delete()) {
            deleted += deleteRetentionMsBreached(config);
            deleted += deleteRetentionSizeBreached(config);
        }
        return deleted + deleteSegmentsBelowLogStart();
    }

    private int deleteRetentionMsBreached(LogConfig config) throws IOException {
        if (config.retentionMs() < 0) {
            return 0;
        }
        long now = log.time().milliseconds();
        return deleteWhile((segment, next) -> now - segment.largestTimestamp() > config.retentionMs());
    }

    private int deleteRetentionSizeBreached(LogConfig config) throws IOException {
        if (config.retentionBytes() < 0) {
            return 0;
        }
        long[] excess = {log.size() - config.retentionBytes()};
        return deleteWhile((segment, next) -> {
            if (excess[0] - segment.size() >= 0) {
                excess[0] -= segment.size();
                return true;
            }
            return false;
        });
    }

    int deleteSegmentsBelowLogStart() throws IOException {
        long start = log.logStartOffset();
        return deleteWhile((segment, next) -> next != null && next.baseOffset() <= start);
    }

    private int deleteWhile(Deletable predicate) throws IOException {
        assert log.isLockedByCurrentThread();
        List<LogSegment> all = log.segments();
        List<LogSegment> deletable = new ArrayList<>();
        long highWatermark = log.highWatermark();
        for (int i = 0; i < all.size(); i++) {
            LogSegment segment = all.get(i);
            LogSegment next = i + 1 < all.size() ? all.get(i + 1) : null;
            long upperBound = next != null ? next.baseOffset() : log.logEndOffset();
            boolean lastAndEmpty = next == null && segment.size() == 0;
            if (highWatermark >= upperBound && !lastAndEmpty && predicate.test(segment, next)) {
                deletable.add(segment);
            } else {
                break;
            }
        }
        if (deletable.isEmpty()) {
            return 0;
        }
        if (deletable.size() == all.size()) {
            log.rollForRetention();
        }
        for (LogSegment segment : deletable) {
            log.removeSegment(segment);
        }
        log.advanceLogStartOffset(log.segments.firstKey());
        return deletable.size();
    }
}
