package io.tributary.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.MockTime;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatches;
import io.tributary.storage.config.LogConfig;
import io.tributary.storage.segment.IndexEntry;
import io.tributary.storage.segment.LogSegment;
import io.tributary.storage.segment.TimestampAndOffset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnifiedLogTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @TempDir
    Path logDir;

    private final MockTime time = new MockTime();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<UnifiedLog> opened = new ArrayList<>();

    @AfterEach
    void tearDown() {
        opened.forEach(log -> {
            try {
                log.close();
            } catch (LogException ignored) {
                // already closed or deleted
            }
        });
        scheduler.shutdownNow();
    }

    private Path partitionDir() {
        return logDir.resolve(TP.directoryName());
    }

    private UnifiedLog open(LogConfig config, LogOpenOptions options) throws IOException {
        UnifiedLog log = UnifiedLog.open(partitionDir(), TP, config, time, options, scheduler,
                LogDirFailureHandler.NONE);
        opened.add(log);
        return log;
    }

    private static LogConfig config(String... keyValues) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return LogConfig.fromMap(map);
    }

    private static List<Record> records(LogSlice slice) {
        List<Record> all = new ArrayList<>();
        for (RecordBatch batch : RecordBatches.of(slice.readFully())) {
            assertThat(batch.isValid()).isTrue();
            all.addAll(batch.records());
        }
        return all;
    }

    private static String value(Record record) {
        return StandardCharsets.UTF_8.decode(record.value()).toString();
    }

    @Test
    void shouldRoundTripAppendsAcrossSegmentRolls() throws IOException {
        UnifiedLog log = open(config(LogConfig.SEGMENT_BYTES, "2048", LogConfig.INDEX_INTERVAL_BYTES, "256"),
                LogOpenOptions.CLEAN);
        for (int i = 0; i < 100; i++) {
            LogAppendInfo info = log.appendAsLeader(Batches.kafka(3, time.milliseconds(), "v" + i), 4);
            assertThat(info.firstOffset()).isEqualTo(i * 3L);
            assertThat(info.lastOffset()).isEqualTo(i * 3L + 2);
        }
        assertThat(log.logEndOffset()).isEqualTo(300);
        assertThat(log.numberOfSegments()).isGreaterThan(5);
        try (var files = Files.list(partitionDir())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains("00000000000000000000.log", "00000000000000000000.index",
                            "00000000000000000000.timeindex", "leader-epoch-checkpoint");
        }
        log.updateHighWatermark(300);
        long next = 0;
        while (next < 300) {
            List<Record> read = records(log.read(next, 1000, 300, true));
            assertThat(read).isNotEmpty();
            for (Record record : read) {
                if (record.offset() < next) {
                    continue; // the batch holding fetchOffset starts earlier
                }
                assertThat(record.offset()).isEqualTo(next);
                assertThat(value(record)).isEqualTo("v" + (next / 3) + "-" + (next % 3));
                next++;
            }
        }
        RecordBatch first = RecordBatches.of(log.read(0, 100, 300, true).readFully()).iterator().next();
        assertThat(first.partitionLeaderEpoch()).isEqualTo(4);
        assertThat(log.latestEpoch()).contains(4);
    }

    @Test
    void shouldKeepTheSparseIndexPointingAtBatchStarts() throws IOException {
        UnifiedLog log = open(config(LogConfig.INDEX_INTERVAL_BYTES, "300"), LogOpenOptions.CLEAN);
        for (int i = 0; i < 60; i++) {
            log.appendAsLeader(Batches.kafka(2, time.milliseconds(), "x"), 0);
        }
        LogSegment segment = log.segments().get(0);
        int entries = segment.offsetIndex().entries();
        assertThat(entries).isBetween(5, 59);
        for (long offset = 0; offset < 120; offset++) {
            IndexEntry entry = segment.offsetIndex().lookup(offset);
            assertThat(entry.offset()).isLessThanOrEqualTo(Math.max(offset, 0));
            ByteBuffer header = segment.log().read(entry.position(), RecordBatch.HEADER_SIZE);
            RecordBatch batch = new RecordBatch(header, 0);
            if (entry.position() > 0) {
                assertThat(batch.lastOffset()).isEqualTo(entry.offset());
            }
            assertThat(segment.translateOffset(offset, 0).baseOffset()).isEqualTo(offset - offset % 2);
        }
        assertThat(Files.size(segment.offsetIndex().path())).isEqualTo(entries * 8L);
    }

    @Test
    void shouldFindOffsetsByTimestamp() throws IOException {
        UnifiedLog log = open(config(LogConfig.INDEX_INTERVAL_BYTES, "100", LogConfig.SEGMENT_BYTES, "3000"),
                LogOpenOptions.CLEAN);
        long base = time.milliseconds();
        for (int i = 0; i < 50; i++) {
            log.appendAsLeader(Batches.kafka(1, base + i * 1000L, "t"), 0);
        }
        assertThat(log.numberOfSegments()).isGreaterThan(1);
        assertThat(log.offsetForTimestamp(base + 17_000)).contains(new TimestampAndOffset(base + 17_000, 17));
        assertThat(log.offsetForTimestamp(base + 17_500)).contains(new TimestampAndOffset(base + 18_000, 18));
        assertThat(log.offsetForTimestamp(base - 5)).contains(new TimestampAndOffset(base, 0));
        assertThat(log.offsetForTimestamp(base + 60_000)).isEmpty();
        assertThat(log.offsetForTimestamp(-2)).contains(new TimestampAndOffset(-1, 0));
        assertThat(log.offsetForTimestamp(-1)).contains(new TimestampAndOffset(-1, 50));
        assertThat(log.offsetForTimestamp(-3)).contains(new TimestampAndOffset(base + 49_000, 49));
        assertThat(log.segments().get(0).timeIndex().entries()).isGreaterThan(0);
    }

    @Test
    void shouldNeverReadAtOrPastMaxOffsetExclusive() throws IOException {
        UnifiedLog log = open(config(LogConfig.SEGMENT_BYTES, "1500"), LogOpenOptions.CLEAN);
        for (int i = 0; i < 40; i++) {
            log.appendAsLeader(Batches.kafka(2, time.milliseconds(), "r"), 0);
        }
        for (long hw = 0; hw <= 80; hw += 2) {
            log.updateHighWatermark(hw);
            for (long fetch = 0; fetch < hw; fetch += 3) {
                List<Record> read = records(log.read(fetch, 1 << 20, hw, false));
                assertThat(read).allMatch(r -> r.offset() < log.highWatermark());
                assertThat(read).isNotEmpty();
            }
            assertThat(log.read(hw, 1 << 20, hw, true).isEmpty()).isTrue();
        }
        assertThatThrownBy(() -> log.read(81, 100, 80, true)).isInstanceOf(LogException.class)
                .extracting(e -> ((LogException) e).error()).isEqualTo(StorageError.OFFSET_OUT_OF_RANGE);
        LogSlice small = log.read(0, 10, 80, true);
        assertThat(records(small)).hasSize(2); // minOneMessage: first batch whole despite maxBytes
        assertThat(log.read(0, 10, 80, false).isEmpty()).isTrue();
    }

    @Test
    void shouldAnswerAnIdempotentRetryWithTheOriginalOffsets() throws IOException {
        UnifiedLog log = open(LogConfig.DEFAULT, LogOpenOptions.CLEAN);
        log.appendAsLeader(Batches.kafka(5, time.milliseconds(), "other"), 0);
        LogAppendInfo first = log.appendAsLeader(Batches.idempotent(42L, (short) 0, 0, 3, time.milliseconds(), "a"), 0);
        LogAppendInfo second = log.appendAsLeader(Batches.idempotent(42L, (short) 0, 3, 2, time.milliseconds(), "b"), 0);
        LogAppendInfo retry = log.appendAsLeader(Batches.idempotent(42L, (short) 0, 0, 3, time.milliseconds(), "a"), 0);
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.firstOffset()).isEqualTo(first.firstOffset()).isEqualTo(5);
        assertThat(retry.lastOffset()).isEqualTo(7);
        assertThat(second.firstOffset()).isEqualTo(8);
        assertThat(log.logEndOffset()).isEqualTo(10);
    }

    @Test
    void shouldRejectSequenceGapsAndFencedEpochs() throws IOException {
        UnifiedLog log = open(LogConfig.DEFAULT, LogOpenOptions.CLEAN);
        log.appendAsLeader(Batches.idempotent(7L, (short) 1, 0, 2, time.milliseconds(), "a"), 0);
        assertThatThrownBy(() -> log.appendAsLeader(Batches.idempotent(7L, (short) 1, 5, 1, time.milliseconds(), "b"), 0))
                .extracting(e -> ((LogException) e).error()).isEqualTo(StorageError.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThatThrownBy(() -> log.appendAsLeader(Batches.idempotent(7L, (short) 0, 2, 1, time.milliseconds(), "c"), 0))
                .extracting(e -> ((LogException) e).error()).isEqualTo(StorageError.INVALID_PRODUCER_EPOCH);
        assertThatThrownBy(() -> log.appendAsLeader(Batches.idempotent(7L, (short) 2, 3, 1, time.milliseconds(), "d"), 0))
                .extracting(e -> ((LogException) e).error()).isEqualTo(StorageError.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(log.appendAsLeader(Batches.idempotent(7L, (short) 2, 0, 1, time.milliseconds(), "e"), 0)
                .firstOffset()).isEqualTo(2);
        assertThat(log.logEndOffset()).isEqualTo(3);
    }

    @Test
    void shouldAcceptSequencesThatWrapAroundIntMax() throws IOException {
        UnifiedLog log = open(LogConfig.DEFAULT, LogOpenOptions.CLEAN);
        log.appendAsLeader(Batches.idempotent(9L, (short) 0, Integer.MAX_VALUE - 1, 2, time.milliseconds(), "a"), 0);
        LogAppendInfo wrapped = log.appendAsLeader(Batches.idempotent(9L, (short) 0, 0, 2, time.milliseconds(), "b"), 0);
        assertThat(wrapped.duplicate()).isFalse();
        assertThat(wrapped.firstOffset()).isEqualTo(2);
    }

    @Test
    void shouldRememberProducersAcrossCleanAndCrashRestarts() throws IOException {
        LogConfig config = config(LogConfig.SEGMENT_BYTES, "1024");
        UnifiedLog log = open(config, LogOpenOptions.CLEAN);
        int seq = 0;
        for (int i = 0; i < 20; i++) {
            log.appendAsLeader(Batches.idempotent(11L, (short) 3, seq, 2, time.milliseconds(), "p"), 0);
            seq += 2;
        }
        log.close();

        UnifiedLog reopened = open(config, LogOpenOptions.CLEAN);
        LogAppendInfo dup = reopened.appendAsLeader(Batches.idempotent(11L, (short) 3, 38, 2, time.milliseconds(), "p"), 0);
        assertThat(dup.duplicate()).isTrue();
        assertThat(dup.firstOffset()).isEqualTo(38);
        reopened.appendAsLeader(Batches.idempotent(11L, (short) 3, 40, 2, time.milliseconds(), "p"), 0);
        // Simulate a crash: no close, so no snapshot at the end; state must be rebuilt from the log.
        opened.remove(reopened);

        UnifiedLog crashed = open(config, LogOpenOptions.afterCrash(0));
        assertThat(crashed.logEndOffset()).isEqualTo(42);
        assertThat(crashed.appendAsLeader(Batches.idempotent(11L, (short) 3, 40, 2, time.milliseconds(), "p"), 0)
                .duplicate()).isTrue();
        assertThatThrownBy(() -> crashed.appendAsLeader(Batches.idempotent(11L, (short) 3, 50, 1, time.milliseconds(), "p"), 0))
                .extracting(e -> ((LogException) e).error()).isEqualTo(StorageError.OUT_OF_ORDER_SEQUENCE_NUMBER);
    }

    @Test
    void shouldRejectInvalidProducerInput() throws IOException {
        UnifiedLog log = open(config(LogConfig.MAX_MESSAGE_BYTES, "500"), LogOpenOptions.CLEAN);
        assertThatThrownBy(() -> log.appendAsLeader(Batches.kafka(30, time.milliseconds(), "big"), 0))
                .extracting(e -> ((LogException) e).error()).isEqualTo(StorageError.MESSAGE_TOO_LARGE);
        ByteBuffer corrupt = Batches.kafka(2, time.milliseconds(), "c");
        corrupt.put(corrupt.limit() - 1, (byte) (corrupt.get(corrupt.limit() - 1) ^ 1));
        assertThatThrownBy(() -> log.appendAsLeader(corrupt, 0))
                .extracting(e -> ((LogException) e).error()).isEqualTo(StorageError.CORRUPT_MESSAGE);
        ByteBuffer nonZeroBase = Batches.kafka(1, time.milliseconds(), "o");
        new RecordBatch(nonZeroBase, 0).setBaseOffset(5);
        assertThatThrownBy(() -> log.appendAsLeader(nonZeroBase, 0))
                .extracting(e -> ((LogException) e).error()).isEqualTo(StorageError.INVALID_RECORD);
        ByteBuffer two = ByteBuffer.allocate(400);
        two.put(Batches.kafka(1, time.milliseconds(), "a")).put(Batches.kafka(1, time.milliseconds(), "b")).flip();
        assertThatThrownBy(() -> log.appendAsLeader(two, 0))
                .extracting(e -> ((LogException) e).error()).isEqualTo(StorageError.INVALID_RECORD);
        assertThatThrownBy(() -> log.appendAsLeader(Batches.kafka(1, time.milliseconds() + 7_200_000, "f"), 0))
                .extracting(e -> ((LogException) e).error()).isEqualTo(StorageError.INVALID_TIMESTAMP);
        assertThat(log.logEndOffset()).isZero();
    }

    @Test
    void shouldStampLogAppendTime() throws IOException {
        UnifiedLog log = open(config(LogConfig.MESSAGE_TIMESTAMP_TYPE, "LogAppendTime"), LogOpenOptions.CLEAN);
        LogAppendInfo info = log.appendAsLeader(Batches.kafka(2, 1000L, "t"), 0);
        assertThat(info.logAppendTime()).isEqualTo(time.milliseconds());
        log.updateHighWatermark(2);
        assertThat(records(log.read(0, 1000, 2, true))).allMatch(r -> r.timestamp() == time.milliseconds());
    }

    @Test
    void shouldKeepLeaderOffsetsOnFollowerAppendAndTruncate() throws IOException {
        UnifiedLog leader = open(LogConfig.DEFAULT, LogOpenOptions.CLEAN);
        for (int i = 0; i < 5; i++) {
            leader.appendAsLeader(Batches.kafka(2, time.milliseconds(), "l"), i < 3 ? 1 : 2);
        }
        ByteBuffer fetched = leader.read(0, 1 << 20, 10, true).readFully();
        opened.remove(leader);
        leader.close();

        Path followerDir = logDir.resolve("follower");
        UnifiedLog follower = UnifiedLog.open(followerDir.resolve(TP.directoryName()), TP, LogConfig.DEFAULT, time,
                LogOpenOptions.CLEAN, scheduler, LogDirFailureHandler.NONE);
        opened.add(follower);
        LogAppendInfo info = follower.appendAsFollower(fetched);
        assertThat(info.firstOffset()).isEqualTo(0);
        assertThat(follower.logEndOffset()).isEqualTo(10);
        assertThat(follower.endOffsetForEpoch(1).endOffset()).isEqualTo(6);
        assertThat(follower.endOffsetForEpoch(2).endOffset()).isEqualTo(10);
        follower.truncateTo(7);
        assertThat(follower.logEndOffset()).isEqualTo(6); // the batch holding offset 7 starts at 6
        assertThat(follower.latestEpoch()).contains(1);
        follower.truncateFullyAndStartAt(100);
        assertThat(follower.logStartOffset()).isEqualTo(100);
        assertThat(follower.logEndOffset()).isEqualTo(100);
        assertThat(follower.latestEpoch()).isEmpty();
    }

    @Test
    void shouldDeleteRecordsBeforeAndMoveLogStart() throws IOException {
        UnifiedLog log = open(config(LogConfig.SEGMENT_BYTES, "1024"), LogOpenOptions.CLEAN);
        for (int i = 0; i < 30; i++) {
            log.appendAsLeader(Batches.kafka(2, time.milliseconds(), "d"), 0);
        }
        log.updateHighWatermark(60);
        int segmentsBefore = log.numberOfSegments();
        assertThat(log.deleteRecordsBefore(31)).isEqualTo(31);
        assertThat(log.logStartOffset()).isEqualTo(31);
        assertThat(log.numberOfSegments()).isLessThan(segmentsBefore);
        assertThatThrownBy(() -> log.read(30, 100, 60, true)).isInstanceOf(LogException.class);
        assertThat(records(log.read(31, 100, 60, true)).get(1).offset()).isEqualTo(31);
        assertThat(log.offsetForTimestamp(-2)).map(TimestampAndOffset::offset).contains(31L);
    }

    @Test
    void shouldKeepAFetchedSliceReadableAfterRetentionDeletesItsSegment() throws IOException {
        UnifiedLog log = open(config(LogConfig.SEGMENT_BYTES, "1024", LogConfig.RETENTION_MS, "1000",
                LogConfig.FILE_DELETE_DELAY_MS, "60000"), LogOpenOptions.CLEAN);
        for (int i = 0; i < 20; i++) {
            log.appendAsLeader(Batches.kafka(2, time.milliseconds(), "z"), 0);
        }
        log.updateHighWatermark(40);
        LogSlice slice = log.read(0, 1 << 20, 40, true);
        time.sleep(5000);
        assertThat(log.deleteOldSegments()).isGreaterThan(0);
        assertThat(log.logStartOffset()).isEqualTo(40);
        assertThat(log.numberOfSegments()).isEqualTo(1);
        try (var files = Files.list(partitionDir())) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".log.deleted"));
        }
        assertThat(records(slice)).isNotEmpty();
        assertThat(Optional.of(log.logEndOffset())).contains(40L);
    }

    @Test
    void shouldApplyRetentionBySizeButNeverPastTheHighWatermark() throws IOException {
        UnifiedLog log = open(config(LogConfig.SEGMENT_BYTES, "1024", LogConfig.RETENTION_BYTES, "2048"),
                LogOpenOptions.CLEAN);
        for (int i = 0; i < 60; i++) {
            log.appendAsLeader(Batches.kafka(2, time.milliseconds(), "s"), 0);
        }
        int before = log.numberOfSegments();
        log.updateHighWatermark(0);
        assertThat(log.deleteOldSegments()).isZero();
        log.updateHighWatermark(120);
        int deleted = log.deleteOldSegments();
        assertThat(deleted).isGreaterThan(0);
        assertThat(log.numberOfSegments()).isEqualTo(before - deleted);
        assertThat(log.size()).isLessThanOrEqualTo(2048 + 1024);
        assertThat(log.logStartOffset()).isEqualTo(log.segments().get(0).baseOffset()).isGreaterThan(0);
    }
}
