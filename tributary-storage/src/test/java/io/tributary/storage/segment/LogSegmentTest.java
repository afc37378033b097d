package io.tributary.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.MockTime;
import io.tributary.protocol.compress.CompressionType;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.protocol.record.RecordBatches;
import io.tributary.storage.LogSlice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LogSegmentTest {

    private static final long BASE = 100;
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private final MockTime time = new MockTime();
    private final List<LogSegment> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws IOException {
        for (LogSegment segment : opened) {
            segment.log().channel().close();
            segment.offsetIndex().close();
            segment.timeIndex().close();
        }
    }

    private LogSegment open(int indexIntervalBytes) throws IOException {
        LogSegment segment = LogSegment.open(dir, BASE, indexIntervalBytes, 1024 * 1024, time, "");
        opened.add(segment);
        return segment;
    }

    /** A stamped batch of {@code records} records from {@code baseOffset}, timestamps T0 + offset. */
    private static ByteBuffer batch(long baseOffset, int records) {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE).baseOffset(baseOffset);
        for (int i = 0; i < records; i++) {
            long offset = baseOffset + i;
            builder.append(T0 + offset, ("k" + offset).getBytes(StandardCharsets.UTF_8),
                    ("value-" + offset).getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    /** Three batches of three records: offsets 100-102, 103-105, 106-108. */
    private LogSegment segmentWithThreeBatches(int indexIntervalBytes) throws IOException {
        LogSegment segment = open(indexIntervalBytes);
        for (int i = 0; i < 3; i++) {
            segment.append(batch(BASE + 3L * i, 3));
        }
        return segment;
    }

    private static List<Long> baseOffsets(LogSlice slice) {
        List<Long> offsets = new ArrayList<>();
        for (RecordBatch batch : RecordBatches.of(slice.readFully())) {
            assertThat(batch.isValid()).isTrue();
            offsets.add(batch.baseOffset());
        }
        return offsets;
    }

    @Test
    void filesAreNamedByTheTwentyDigitBaseOffset() throws IOException {
        LogSegment segment = open(4096);

        assertThat(segment.logPath().getFileName().toString()).isEqualTo("00000000000000000100.log");
        assertThat(Files.exists(dir.resolve("00000000000000000100.index"))).isTrue();
        assertThat(Files.exists(dir.resolve("00000000000000000100.timeindex"))).isTrue();
    }

    @Test
    void aReadStartsAtTheBatchHoldingTheOffsetAndReturnsWholeBatches() throws IOException {
        LogSegment segment = segmentWithThreeBatches(4096);

        LogSlice slice = segment.read(104, 1024 * 1024, Integer.MAX_VALUE, false);

        assertThat(slice.firstOffset()).isEqualTo(103);
        assertThat(baseOffsets(slice)).containsExactly(103L, 106L);
    }

    @Test
    void aReadPastTheLastOffsetFindsNothing() throws IOException {
        LogSegment segment = segmentWithThreeBatches(4096);

        assertThat(segment.read(109, 1024, Integer.MAX_VALUE, false)).isNull();
    }

    @Test
    void aReadLimitedBelowTheFirstBatchIsEmptyUnlessOneMessageIsRequired() throws IOException {
        LogSegment segment = segmentWithThreeBatches(4096);
        int firstBatchSize = segment.translateOffset(BASE, 0).size();

        LogSlice strict = segment.read(BASE, firstBatchSize - 1, Integer.MAX_VALUE, false);
        LogSlice atLeastOne = segment.read(BASE, firstBatchSize - 1, Integer.MAX_VALUE, true);

        assertThat(strict.size()).isZero();
        assertThat(baseOffsets(atLeastOne)).containsExactly(BASE);
    }

    @Test
    void aReadNeverIncludesABatchAtOrPastMaxPosition() throws IOException {
        LogSegment segment = segmentWithThreeBatches(4096);
        int thirdBatchStart = segment.positionBound(106);

        LogSlice slice = segment.read(BASE, 1024 * 1024, thirdBatchStart, false);

        assertThat(baseOffsets(slice)).containsExactly(100L, 103L);
    }

    @Test
    void translateOffsetLocatesTheBatchHoldingAnOffset() throws IOException {
        LogSegment segment = segmentWithThreeBatches(4096);

        BatchLocation location = segment.translateOffset(107, 0);

        assertThat(location.baseOffset()).isEqualTo(106);
        assertThat(location.lastOffset()).isEqualTo(108);
        assertThat(location.position()).isEqualTo(segment.size() - location.size());
        assertThat(segment.translateOffset(109, 0)).isNull();
    }

    @Test
    void anIndexEntryIsAddedOnlyOnceIndexIntervalBytesHavePassed() throws IOException {
        LogSegment sparse = segmentWithThreeBatches(1024 * 1024);
        assertThat(sparse.offsetIndex().entries()).isZero();

        Path other = Files.createDirectory(dir.resolve("dense"));
        LogSegment dense = LogSegment.open(other, BASE, 0, 1024 * 1024, time, "");
        opened.add(dense);
        for (int i = 0; i < 3; i++) {
            dense.append(batch(BASE + 3L * i, 3));
        }

        // Every batch after the first starts more than 0 bytes after the last entry; entries map last offsets.
        assertThat(dense.offsetIndex().entries()).isEqualTo(2);
        assertThat(dense.offsetIndex().lookup(108)).isEqualTo(
                new IndexEntry(108, dense.translateOffset(106, 0).position()));
    }

    @Test
    void readNextOffsetIsTheOffsetAfterTheLastBatchOrTheBaseWhenEmpty() throws IOException {
        assertThat(open(4096).readNextOffset()).isEqualTo(BASE);
        Path other = Files.createDirectory(dir.resolve("full"));
        LogSegment full = LogSegment.open(other, BASE, 4096, 1024 * 1024, time, "");
        opened.add(full);
        full.append(batch(BASE, 5));

        assertThat(full.readNextOffset()).isEqualTo(105);
    }

    @Test
    void truncateRemovesTheBatchHoldingTheOffsetAndEverythingAfter() throws IOException {
        LogSegment segment = segmentWithThreeBatches(0);
        int sizeBefore = segment.size();
        int keptBytes = segment.translateOffset(103, 0).position();

        int removed = segment.truncateTo(104);

        assertThat(removed).isEqualTo(sizeBefore - keptBytes);
        assertThat(segment.size()).isEqualTo(keptBytes);
        assertThat(segment.readNextOffset()).isEqualTo(103);
        assertThat(segment.offsetIndex().lastOffset()).isLessThan(103);
        assertThat(baseOffsets(segment.read(BASE, 1024 * 1024, Integer.MAX_VALUE, false))).containsExactly(100L);
    }

    @Test
    void theLargestTimestampAndItsOffsetAreTracked() throws IOException {
        LogSegment segment = segmentWithThreeBatches(4096);

        assertThat(segment.maxTimestampAndOffset()).contains(new TimestampAndOffset(T0 + 108, 108));
        assertThat(segment.largestTimestamp()).isEqualTo(T0 + 108);
        assertThat(segment.rollingBasedTimestamp()).isEqualTo(T0 + 102);
    }

    @Test
    void findOffsetByTimestampGivesTheFirstRecordAtOrAfterTheTarget() throws IOException {
        LogSegment segment = segmentWithThreeBatches(0);

        assertThat(segment.findOffsetByTimestamp(T0 + 104, BASE)).contains(new TimestampAndOffset(T0 + 104, 104));
        assertThat(segment.findOffsetByTimestamp(T0 + 104, 106)).contains(new TimestampAndOffset(T0 + 106, 106));
        assertThat(segment.findOffsetByTimestamp(T0 + 500, BASE)).isEmpty();
    }

    @Test
    void recoveryKeepsTheValidPrefixAndCutsATornTail() throws IOException {
        LogSegment segment = segmentWithThreeBatches(4096);
        int validSize = segment.size();
        segment.flush();
        byte[] torn = batch(109, 3).array();
        Files.write(segment.logPath(), java.util.Arrays.copyOf(torn, torn.length / 2), StandardOpenOption.APPEND);
        LogSegment reopened = LogSegment.open(dir, BASE, 4096, 1024 * 1024, time, "");
        opened.add(reopened);
        List<Long> seen = new ArrayList<>();

        SegmentRecovery recovery = reopened.recover(batch -> seen.add(batch.baseOffset()));

        assertThat(recovery.validBatches()).isEqualTo(3);
        assertThat(recovery.validBytes()).isEqualTo(validSize);
        assertThat(recovery.truncatedBytes()).isEqualTo(torn.length / 2);
        assertThat(seen).containsExactly(100L, 103L, 106L);
        assertThat(Files.size(reopened.logPath())).isEqualTo(validSize);
        assertThat(reopened.readNextOffset()).isEqualTo(109);
    }

    @Test
    void recoveryStopsAtTheFirstBatchWhoseCrcFails() throws IOException {
        LogSegment segment = segmentWithThreeBatches(4096);
        int secondBatch = segment.translateOffset(103, 0).position();
        segment.flush();
        try (var channel = java.nio.channels.FileChannel.open(segment.logPath(), StandardOpenOption.WRITE)) {
            // A byte inside the second batch's records: the header still parses, its CRC no longer matches.
            channel.write(ByteBuffer.wrap(new byte[] {(byte) 0x5a}), secondBatch + RecordBatch.HEADER_SIZE + 4);
        }
        LogSegment reopened = LogSegment.open(dir, BASE, 4096, 1024 * 1024, time, "");
        opened.add(reopened);

        SegmentRecovery recovery = reopened.recover(batch -> { });

        assertThat(recovery.validBatches()).isEqualTo(1);
        assertThat(recovery.validBytes()).isEqualTo(secondBatch);
        assertThat(reopened.readNextOffset()).isEqualTo(103);
    }

    @Test
    void recoveryRebuildsTheIndexesFromTheLog() throws IOException {
        LogSegment segment = segmentWithThreeBatches(0);
        IndexEntry before = segment.offsetIndex().lookup(Long.MAX_VALUE);
        segment.flush();
        LogSegment reopened = LogSegment.open(dir, BASE, 0, 1024 * 1024, time, "");
        opened.add(reopened);
        reopened.offsetIndex().truncateTo(BASE);

        reopened.recover(batch -> { });

        assertThat(reopened.offsetIndex().entries()).isEqualTo(2);
        assertThat(reopened.offsetIndex().lookup(Long.MAX_VALUE)).isEqualTo(before);
        assertThat(reopened.needsIndexRebuild()).isFalse();
    }

    @Test
    void aMissingIndexOfANonEmptyLogIsReportedForRebuild() throws IOException {
        LogSegment segment = segmentWithThreeBatches(4096);
        segment.flush();
        Files.delete(dir.resolve(LogSegment.fileName(BASE, LogSegment.INDEX_SUFFIX)));

        LogSegment reopened = LogSegment.open(dir, BASE, 4096, 1024 * 1024, time, "");
        opened.add(reopened);

        assertThat(reopened.needsIndexRebuild()).isTrue();
    }

    @Test
    void anIndexPointingPastTheEndOfTheLogIsReportedForRebuild() throws IOException {
        LogSegment segment = segmentWithThreeBatches(0);
        segment.flush();
        try (var channel = java.nio.channels.FileChannel.open(segment.logPath(), StandardOpenOption.WRITE)) {
            channel.truncate(10); // the log lost its tail, the index still names positions in it
        }

        LogSegment reopened = LogSegment.open(dir, BASE, 0, 1024 * 1024, time, "");
        opened.add(reopened);

        assertThat(reopened.needsIndexRebuild()).isTrue();
    }

    @Test
    void renamingMovesAllThreeFilesAndKeepsReading() throws IOException {
        LogSegment segment = segmentWithThreeBatches(4096);

        segment.renameTo(".deleted");

        assertThat(Files.exists(dir.resolve("00000000000000000100.log.deleted"))).isTrue();
        assertThat(Files.exists(dir.resolve("00000000000000000100.index.deleted"))).isTrue();
        assertThat(Files.exists(dir.resolve("00000000000000000100.timeindex.deleted"))).isTrue();
        assertThat(Files.exists(dir.resolve("00000000000000000100.log"))).isFalse();
        assertThat(baseOffsets(segment.read(BASE, 1024 * 1024, Integer.MAX_VALUE, false)))
                .containsExactly(100L, 103L, 106L);
    }
}
