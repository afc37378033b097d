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

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LogRecoveryTest {

    private static final TopicPartition TP = new TopicPartition("events", 2);
    private static final LogConfig CONFIG = LogConfig.fromMap(Map.of(LogConfig.SEGMENT_BYTES, "4096",
            LogConfig.INDEX_INTERVAL_BYTES, "200"));

    @TempDir
    Path logDir;

    private final MockTime time = new MockTime();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    private Path dir() {
        return logDir.resolve(TP.directoryName());
    }

    private UnifiedLog open(LogOpenOptions options) throws IOException {
        return UnifiedLog.open(dir(), TP, CONFIG, time, options, scheduler, LogDirFailureHandler.NONE);
    }

    private UnifiedLog writeLog(int batches) throws IOException {
        UnifiedLog log = open(LogOpenOptions.CLEAN);
        for (int i = 0; i < batches; i++) {
            log.appendAsLeader(Batches.kafka(3, time.milliseconds(), "value-" + i), 1);
        }
        return log;
    }

    private static void appendBytes(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(bytes));
        }
    }

    /** Reads the whole log the way a consumer does (one segment per read) and counts the records. */
    static long countValidRecords(UnifiedLog log) {
        long count = 0;
        long next = log.logStartOffset();
        while (next < log.logEndOffset()) {
            ByteBuffer slice = log.read(next, Integer.MAX_VALUE, log.logEndOffset(), true).readFully();
            for (RecordBatch batch : RecordBatches.of(slice)) {
                assertThat(batch.isValid()).isTrue();
                assertThat(batch.baseOffset()).isEqualTo(next);
                count += batch.recordCount();
                next = batch.nextOffset();
            }
        }
        return count;
    }

    @Test
    void shouldTruncateTornTailOnRecovery() throws IOException {
        UnifiedLog log = writeLog(40);
        long end = log.logEndOffset();
        LogSegment active = log.segments().get(log.numberOfSegments() - 1);
        Path activeFile = active.logPath();
        long validSize = Files.size(activeFile);
        // A crash mid-write: half of a real batch, after the last complete one.
        ByteBuffer partial = Batches.kafka(5, time.milliseconds(), "torn");
        byte[] half = new byte[partial.remaining() / 2];
        partial.get(half);
        appendBytes(activeFile, half);

        UnifiedLog recovered = open(LogOpenOptions.afterCrash(0));
        assertThat(recovered.logEndOffset()).isEqualTo(end);
        assertThat(Files.size(activeFile)).isEqualTo(validSize);
        assertThat(recovered.recoveryStats().bytesTruncated()).isEqualTo(half.length);
        assertThat(recovered.recoveryStats().batchesValidated()).isEqualTo(40);
        recovered.updateHighWatermark(end);
        assertThat(countValidRecords(recovered)).isEqualTo(end);
        assertThat(recovered.appendAsLeader(Batches.kafka(1, time.milliseconds(), "after"), 1).firstOffset())
                .isEqualTo(end);
        recovered.close();
    }

    @Test
    void shouldCutAtACorruptBatchAndDeleteEveryLaterSegment() throws IOException {
        UnifiedLog log = writeLog(120);
        List<LogSegment> segments = log.segments();
        assertThat(segments.size()).isGreaterThanOrEqualTo(3);
        LogSegment second = segments.get(1);
        // Flip a byte inside the third batch of the second segment (past the header, inside the CRC range).
        int position = 0;
        for (int i = 0; i < 2; i++) {
            position += new RecordBatch(second.log().read(position, RecordBatch.HEADER_SIZE), 0).sizeInBytes();
        }
        long corruptBatchOffset = new RecordBatch(second.log().read(position, RecordBatch.HEADER_SIZE), 0)
                .baseOffset();
        try (FileChannel channel = FileChannel.open(second.logPath(), StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position + 70);
            one.put(0, (byte) (one.get(0) ^ 0x55)).rewind();
            channel.write(one, position + 70);
        }

        UnifiedLog recovered = open(LogOpenOptions.afterCrash(0));
        assertThat(recovered.logEndOffset()).isEqualTo(corruptBatchOffset);
        assertThat(recovered.numberOfSegments()).isEqualTo(2);
        assertThat(recovered.recoveryStats().segmentsDeleted()).isEqualTo(segments.size() - 2);
        assertThat(Files.exists(segments.get(2).logPath())).isFalse();
        recovered.updateHighWatermark(recovered.logEndOffset());
        assertThat(countValidRecords(recovered)).isEqualTo(corruptBatchOffset);
        recovered.close();
    }

    @Test
    void shouldRebuildDeletedAndCorruptIndexes() throws IOException {
        UnifiedLog log = writeLog(50);
        log.updateHighWatermark(log.logEndOffset());
        List<LogSegment> segments = log.segments();
        int entries = segments.get(0).offsetIndex().entries();
        assertThat(entries).isGreaterThan(1);
        long end = log.logEndOffset();
        log.close();
        Files.delete(segments.get(0).offsetIndex().path());
        appendBytes(segments.get(1).offsetIndex().path(), new byte[] {1, 2, 3}); // partial entry
        appendBytes(segments.get(1).timeIndex().path(), new byte[12]); // timestamp going backwards

        UnifiedLog reopened = open(LogOpenOptions.CLEAN);
        assertThat(reopened.recoveryStats().indexesRebuilt()).isEqualTo(2);
        assertThat(reopened.logEndOffset()).isEqualTo(end);
        assertThat(reopened.segments().get(0).offsetIndex().entries()).isEqualTo(entries);
        assertThat(Files.size(reopened.segments().get(1).offsetIndex().path()) % 8).isZero();
        for (long offset = 0; offset < end; offset += 7) {
            LogSlice slice = reopened.read(offset, 1, end, true);
            RecordBatch batch = RecordBatches.of(slice.readFully()).iterator().next();
            assertThat(batch.baseOffset()).isLessThanOrEqualTo(offset);
            assertThat(batch.lastOffset()).isGreaterThanOrEqualTo(offset);
        }
        reopened.close();
    }

    @Test
    void shouldCompleteAnInterruptedCompactionSwap() throws IOException {
        UnifiedLog log = writeLog(30);
        log.close();
        List<Long> bases = LogLoader.segmentBaseOffsets(dir());
        long firstBase = bases.get(0);
        // A swap file holding the first segment's content, as if the cleaner committed and then crashed.
        Files.copy(dir().resolve(LogSegment.fileName(firstBase, ".log")),
                dir().resolve(LogSegment.fileName(firstBase, ".log.swap")));
        Files.writeString(dir().resolve(LogSegment.fileName(firstBase, ".log.cleaned")), "half-written");

        UnifiedLog reopened = open(LogOpenOptions.CLEAN);
        try (var files = Files.list(dir())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".swap") || n.endsWith(".cleaned"));
        }
        assertThat(reopened.logEndOffset()).isEqualTo(90);
        reopened.close();
    }
}
