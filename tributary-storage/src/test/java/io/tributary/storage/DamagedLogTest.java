package io.tributary.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.MockTime;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatches;
import io.tributary.storage.config.LogConfig;
import io.tributary.storage.segment.LogSegment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A batch damaged on disk (one flipped byte inside its records) in the first, a middle or the last segment,
 * found after a clean shutdown or after a crash: no offset may disappear silently. Every offset before the
 * damaged batch is served, contiguously; at the damaged batch a read either fails with CORRUPT_MESSAGE (found
 * on first read) or the log was already cut there on open with the cut counted; and once a read has found
 * it, the next open cuts the log there, counting the bytes and segments it removes. An index that does not
 * cover its segment is rebuilt.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DamagedLogTest {

    private static final TopicPartition TP = new TopicPartition("damaged", 0);
    private static final LogConfig CONFIG = LogConfig.fromMap(Map.of(LogConfig.SEGMENT_BYTES, "4096",
            LogConfig.INDEX_INTERVAL_BYTES, "200"));
    private static final int BATCHES = 150;

    @TempDir
    Path logDir;

    private final MockTime time = new MockTime();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    @ParameterizedTest(name = "{0} segment, {1} shutdown")
    @CsvSource({"first, clean", "middle, clean", "last, clean", "first, unclean", "middle, unclean",
        "last, unclean"})
    void aDamagedBatchIsNeverSkippedSilently(String where, String shutdown) throws IOException {
        UnifiedLog written = writeLog();
        List<Long> bases = written.segments().stream().map(LogSegment::baseOffset).toList();
        long end = written.logEndOffset();
        written.close();
        assertThat(bases).hasSizeGreaterThanOrEqualTo(4);
        int target = switch (where) {
            case "first" -> 0;
            case "middle" -> bases.size() / 2;
            default -> bases.size() - 1;
        };
        long damagedBase = damageAMiddleBatch(bases.get(target));
        // After a crash, recovery re-reads from the recovery point: here the second segment, so damage in the
        // first is left for the read path to find.
        LogOpenOptions options = shutdown.equals("clean") ? LogOpenOptions.CLEAN
                : LogOpenOptions.afterCrash(bases.get(1));

        UnifiedLog reopened = open(options);
        Outcome first = readEverything(reopened);
        assertThat(first.servedUpTo).as("every offset before the damage is served").isEqualTo(damagedBase);
        if (first.corrupt) {
            assertThat(reopened.logEndOffset()).as("nothing cut yet").isEqualTo(end);
        } else {
            assertThat(reopened.logEndOffset()).as("cut at the damage on open").isEqualTo(damagedBase);
            assertThat(reopened.recoveryStats().bytesTruncated()).as("the cut is counted").isPositive();
            assertThat(reopened.recoveryStats().segmentsDeleted()).isEqualTo(bases.size() - 1 - target);
        }
        reopened.close();

        UnifiedLog again = open(LogOpenOptions.CLEAN);
        Outcome second = readEverything(again);
        assertThat(second.corrupt).as("the damage is cut away by the open after it was found").isFalse();
        assertThat(again.logEndOffset()).isEqualTo(damagedBase);
        assertThat(second.servedUpTo).isEqualTo(damagedBase);
        if (first.corrupt) {
            assertThat(again.recoveryStats().bytesTruncated()).as("the cut is counted").isPositive();
            assertThat(again.recoveryStats().segmentsDeleted()).isEqualTo(bases.size() - 1 - target);
        }
        assertThat(again.appendAsLeader(Batches.kafka(2, time.milliseconds(), "after"), 1).firstOffset())
                .as("the log goes on from the cut").isEqualTo(damagedBase);
        again.close();
    }

    @Test
    void anOffsetIndexThatCoversOnlyPartOfItsSegmentIsRebuilt() throws IOException {
        UnifiedLog written = writeLog();
        long firstBase = written.segments().get(0).baseOffset();
        written.close();
        Path index = dir().resolve(LogSegment.fileName(firstBase, LogSegment.INDEX_SUFFIX));
        long entries = Files.size(index) / 8;
        assertThat(entries).isGreaterThan(4);
        try (FileChannel channel = FileChannel.open(index, StandardOpenOption.WRITE)) {
            channel.truncate(entries / 2 * 8);
        }
        UnifiedLog reopened = open(LogOpenOptions.CLEAN);
        assertThat(reopened.recoveryStats().indexesRebuilt()).isEqualTo(1);
        assertThat(Files.size(index) / 8).as("entries after the rebuild").isGreaterThanOrEqualTo(entries);
        Outcome outcome = readEverything(reopened);
        assertThat(outcome.corrupt).isFalse();
        assertThat(outcome.servedUpTo).isEqualTo(reopened.logEndOffset());
        reopened.close();
    }

    /** How far a consumer reading from the start got, and whether it stopped at a CORRUPT_MESSAGE. */
    private record Outcome(long servedUpTo, boolean corrupt) {
    }

    /** Reads the whole log as a consumer does, checking that batches come back to back and intact. */
    private static Outcome readEverything(UnifiedLog log) {
        long next = log.logStartOffset();
        while (next < log.logEndOffset()) {
            ByteBuffer slice;
            try {
                slice = log.read(next, 1500, log.logEndOffset(), true).readFully();
            } catch (LogException e) {
                assertThat(e.error()).isEqualTo(StorageError.CORRUPT_MESSAGE);
                return new Outcome(next, true);
            }
            assertThat(slice.remaining()).as("a read at %d returns something", next).isPositive();
            for (RecordBatch batch : RecordBatches.of(slice)) {
                assertThat(batch.isValid()).as("served batch at %d is intact", batch.baseOffset()).isTrue();
                assertThat(batch.baseOffset()).as("no offset skipped").isEqualTo(next);
                next = batch.nextOffset();
            }
        }
        return new Outcome(next, false);
    }

    /** Flips one byte inside the records of the middle batch of a segment; returns that batch's base offset. */
    private long damageAMiddleBatch(long segmentBase) throws IOException {
        Path file = dir().resolve(LogSegment.fileName(segmentBase, LogSegment.LOG_SUFFIX));
        List<RecordBatch> batches = RecordBatches.of(ByteBuffer.wrap(Files.readAllBytes(file))).toList();
        int position = 0;
        for (int i = 0; i < batches.size() / 2; i++) {
            position += batches.get(i).sizeInBytes();
        }
        RecordBatch victim = batches.get(batches.size() / 2);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            long at = position + RecordBatch.HEADER_SIZE + 5L;
            channel.read(one, at);
            one.put(0, (byte) (one.get(0) ^ 0x5a)).rewind();
            channel.write(one, at);
        }
        return victim.baseOffset();
    }

    private Path dir() {
        return logDir.resolve(TP.directoryName());
    }

    private UnifiedLog open(LogOpenOptions options) throws IOException {
        return UnifiedLog.open(dir(), TP, CONFIG, time, options, scheduler, LogDirFailureHandler.NONE);
    }

    private UnifiedLog writeLog() throws IOException {
        UnifiedLog log = open(LogOpenOptions.CLEAN);
        for (int i = 0; i < BATCHES; i++) {
            log.appendAsLeader(Batches.kafka(3, time.milliseconds(), "value-" + i), 1);
        }
        return log;
    }
}
