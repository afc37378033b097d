package io.tributary.storage;

import io.tributary.common.Time;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.storage.config.LogConfig;
import io.tributary.storage.segment.FileRecords;
import io.tributary.storage.segment.LogSegment;
import io.tributary.storage.segment.SegmentRecovery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a partition directory back into segments: removes leftovers of interrupted deletes and cleanings,
 * completes a committed cleaner swap, rebuilds missing, corrupt or incomplete indexes and re-validates every
 * batch from the recovery point on after an unclean shutdown, and from the segment a read found damaged
 * (see {@link RecoveryRequest}) after any shutdown. Used once per log open, by the opening thread only.
 *
 * <p>What happens to a damaged batch: the log is cut at the first batch that fails its CRC or its framing,
 * wherever it is found (an index rebuild re-reads a whole segment too), and every later segment is deleted,
 * as Kafka's recovery does: offsets must stay contiguous, and a replica refetches what was cut from its
 * leader. Never silently: the cut is logged at ERROR with the offsets lost, unless it is only the torn tail
 * of the last segment after an unclean shutdown (an interrupted write), which is logged at WARN.
 */
final class LogLoader {

    private static final Logger log = LoggerFactory.getLogger(LogLoader.class);

    static final String DELETED_SUFFIX = ".deleted";
    static final String CLEANED_SUFFIX = ".cleaned";
    static final String SWAP_SUFFIX = ".swap";

    record Loaded(ConcurrentSkipListMap<Long, LogSegment> segments, RecoveryStats stats) {
    }

    private LogLoader() {
    }

    static Loaded load(Path dir, LogConfig config, Time time, LogOpenOptions options,
                       Consumer<RecordBatch> onRecoveredBatch) throws IOException {
        removeLeftovers(dir);
        int swapsCompleted = completeSwaps(dir);
        OptionalLong requested = RecoveryRequest.read(dir);
        ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
        int indexesRebuilt = 0;
        long truncated = 0;
        int deleted = 0;
        LogSegment cutIn = null;
        SegmentRecovery cut = null;
        for (long baseOffset : segmentBaseOffsets(dir)) {
            LogSegment segment = LogSegment.open(dir, baseOffset, config.indexIntervalBytes(),
                    config.segmentIndexBytes(), time, "");
            segments.put(baseOffset, segment);
            if (segment.needsIndexRebuild() && cut == null) {
                SegmentRecovery result = segment.recover(batch -> { });
                indexesRebuilt++;
                if (result.truncatedBytes() > 0) {
                    cutIn = segment;
                    cut = result;
                }
            }
        }
        if (cut != null) {
            truncated += cut.truncatedBytes();
            deleted += cutAfter(dir, segments, cutIn, cut, options);
        }
        int recovered = 0;
        long batches = 0;
        // After a clean shutdown only a segment a read found damaged (and what follows it) is re-read.
        long point = options.hadCleanShutdown() && swapsCompleted == 0 ? Long.MAX_VALUE : options.recoveryPoint();
        if (requested.isPresent()) {
            point = Math.min(point, requested.getAsLong());
        }
        if (point != Long.MAX_VALUE) {
            Long from = segments.floorKey(point);
            List<LogSegment> toRecover = new ArrayList<>(
                    (from == null ? segments : segments.tailMap(from, true)).values());
            for (LogSegment segment : toRecover) {
                SegmentRecovery result = segment.recover(onRecoveredBatch);
                recovered++;
                batches += result.validBatches();
                if (result.truncatedBytes() > 0) {
                    truncated += result.truncatedBytes();
                    deleted += cutAfter(dir, segments, segment, result, options);
                    break;
                }
            }
        }
        RecoveryRequest.clear(dir);
        if (segments.isEmpty()) {
            long base = Math.max(0, options.logStartOffset());
            segments.put(base, LogSegment.open(dir, base, config.indexIntervalBytes(), config.segmentIndexBytes(),
                    time, ""));
        }
        RecoveryStats stats = new RecoveryStats(recovered, batches, truncated, deleted, indexesRebuilt);
        if (stats.repairedAnything() || recovered > 0) {
            log.info("Recovered {}: {} segments re-validated, {} batches valid, {} bytes truncated, {} later "
                    + "segments deleted, {} indexes rebuilt", dir.getFileName(), recovered, batches, truncated,
                    deleted, indexesRebuilt);
        }
        return new Loaded(segments, stats);
    }

    /**
     * The log now ends where {@code segment}'s recovery cut it: deletes every later segment and says, loudly,
     * which offsets are gone. Returns the number of segments deleted.
     */
    private static int cutAfter(Path dir, ConcurrentSkipListMap<Long, LogSegment> segments, LogSegment segment,
                                SegmentRecovery result, LogOpenOptions options) throws IOException {
        List<LogSegment> later = List.copyOf(segments.tailMap(segment.baseOffset(), false).values());
        long lostFrom = result.nextOffset();
        String lost;
        if (later.isEmpty()) {
            lost = "offsets from " + lostFrom + " on in the " + result.truncatedBytes() + " bytes cut";
        } else {
            long lostTo = later.get(later.size() - 1).readNextOffset() - 1;
            lost = "offsets " + lostFrom + ".." + lostTo + " (" + result.truncatedBytes() + " bytes of this segment and "
                    + later.size() + " later segments)";
        }
        for (LogSegment next : later) {
            segments.remove(next.baseOffset());
            next.deleteFiles();
        }
        boolean tornTail = later.isEmpty() && !options.hadCleanShutdown();
        String message = "Cut log " + dir.getFileName() + " at offset " + lostFrom + ": the batch at position "
                + result.validBytes() + " of segment " + LogSegment.fileName(segment.baseOffset(), LogSegment.LOG_SUFFIX)
                + " is partial or fails its CRC; " + lost + " are lost";
        if (tornTail) {
            log.warn("{} (the torn tail of an interrupted write)", message);
        } else {
            log.error("{}", message);
        }
        return later.size();
    }

    /** Deletes files of deletes and cleanings that never finished; {@code .swap} files are committed work. */
    private static void removeLeftovers(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(DELETED_SUFFIX) || name.endsWith(CLEANED_SUFFIX) || name.endsWith(".tmp")) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /**
     * Finishes a cleaner swap the crash interrupted. The {@code <base>.log.swap} file replaces the segments
     * it covers: those with base offsets from {@code base} up to its last offset. Its indexes are rebuilt.
     */
    private static int completeSwaps(Path dir) throws IOException {
        int completed = 0;
        for (Path swap : list(dir, LogSegment.LOG_SUFFIX + SWAP_SUFFIX)) {
            String name = swap.getFileName().toString();
            long base = Long.parseLong(name.substring(0, 20));
            long lastOffset = base;
            FileRecords records = new FileRecords(swap);
            try {
                RecordBatch header;
                int position = 0;
                while ((header = records.readHeader(position, records.size())) != null) {
                    lastOffset = Math.max(lastOffset, header.lastOffset());
                    position += header.sizeInBytes();
                }
            } finally {
                records.close();
            }
            for (long old : segmentBaseOffsets(dir)) {
                if (old >= base && old <= lastOffset) {
                    deleteSegmentFiles(dir, old, "");
                }
            }
            deleteSegmentFiles(dir, base, SWAP_SUFFIX);
            Files.move(swap.resolveSibling(name), dir.resolve(LogSegment.fileName(base, LogSegment.LOG_SUFFIX)));
            log.info("Completed interrupted compaction swap of {} in {}", name, dir.getFileName());
            completed++;
        }
        return completed;
    }

    private static void deleteSegmentFiles(Path dir, long base, String suffix) throws IOException {
        if (!suffix.equals(SWAP_SUFFIX)) {
            Files.deleteIfExists(dir.resolve(LogSegment.fileName(base, LogSegment.LOG_SUFFIX + suffix)));
        }
        Files.deleteIfExists(dir.resolve(LogSegment.fileName(base, LogSegment.INDEX_SUFFIX + suffix)));
        Files.deleteIfExists(dir.resolve(LogSegment.fileName(base, LogSegment.TIME_INDEX_SUFFIX + suffix)));
        Path txnIndex = dir.resolve(LogSegment.fileName(base, LogSegment.TXN_INDEX_SUFFIX + suffix));
        if (suffix.equals(SWAP_SUFFIX) && Files.exists(txnIndex)) {
            // the cleaned segment's aborted transactions cannot be rebuilt from its own batches alone
            Files.move(txnIndex, dir.resolve(LogSegment.fileName(base, LogSegment.TXN_INDEX_SUFFIX)),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.deleteIfExists(txnIndex);
        }
    }

    static List<Long> segmentBaseOffsets(Path dir) throws IOException {
        List<Long> offsets = new ArrayList<>();
        for (Path file : list(dir, LogSegment.LOG_SUFFIX)) {
            offsets.add(Long.parseLong(file.getFileName().toString().substring(0, 20)));
        }
        offsets.sort(null);
        return offsets;
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        List<Path> matches = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(suffix) && name.length() == 20 + suffix.length()
                        && name.substring(0, 20).chars().allMatch(Character::isDigit)) {
                    matches.add(file);
                }
            }
        }
        return matches;
    }
}
