package io.tributary.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.MockTime;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatches;
import io.tributary.storage.config.LogConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetch read's byte limit (whole batches found through the offset index, never past the bound) checked
 * against a brute-force walk of every batch, and the leader's in-place record checks.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LogReadAndValidationTest {

    private static final TopicPartition TP = new TopicPartition("reads", 0);

    @TempDir
    Path dir;

    private final MockTime time = new MockTime();

    private UnifiedLog open(Map<String, String> config) throws IOException {
        return UnifiedLog.open(dir.resolve(TP.directoryName()), TP, LogConfig.fromMap(config), time,
                LogOpenOptions.CLEAN, null, LogDirFailureHandler.NONE);
    }

    @Test
    void shouldReturnExactlyTheWholeBatchesThatFitMaxBytesAndTheBound() throws IOException {
        UnifiedLog log = open(Map.of(LogConfig.SEGMENT_BYTES, "12000", LogConfig.INDEX_INTERVAL_BYTES, "700"));
        Random random = new Random(42);
        List<long[]> batches = new ArrayList<>(); // {baseOffset, lastOffset, size}
        for (int i = 0; i < 300; i++) {
            ByteBuffer batch = Batches.kafka(1 + random.nextInt(12), time.milliseconds(), "v" + i);
            LogAppendInfo info = log.appendAsLeader(batch, 0);
            batches.add(new long[] {info.firstOffset(), info.lastOffset(), batch.remaining()});
        }
        assertThat(log.segments()).hasSizeGreaterThan(3);
        long end = log.logEndOffset();
        java.util.TreeSet<Long> segmentBases = new java.util.TreeSet<>();
        log.segments().forEach(segment -> segmentBases.add(segment.baseOffset()));
        for (int trial = 0; trial < 3000; trial++) {
            long bound = 1 + (long) (random.nextDouble() * end);
            long fetch = (long) (random.nextDouble() * bound);
            int maxBytes = random.nextInt(6000);
            boolean minOne = random.nextBoolean();
            LogSlice slice = log.read(fetch, maxBytes, bound, minOne);
            List<long[]> expected = expectedBatches(batches, segmentBases, fetch, maxBytes, bound, minOne);
            List<RecordBatch> actual = RecordBatches.of(slice.isEmpty() ? ByteBuffer.allocate(0) : slice.readFully())
                    .toList();
            assertThat(actual).as("fetch %d max %d bound %d minOne %s", fetch, maxBytes, bound, minOne)
                    .hasSize(expected.size());
            int size = 0;
            for (int i = 0; i < actual.size(); i++) {
                assertThat(actual.get(i).baseOffset()).isEqualTo(expected.get(i)[0]);
                assertThat(actual.get(i).lastOffset()).isLessThan(bound);
                size += actual.get(i).sizeInBytes();
            }
            assertThat(slice.size()).isEqualTo(size); // whole batches only
        }
        log.close();
    }

    /** What a fetch must return, from a walk of every batch: same segment, whole, within both limits. */
    private static List<long[]> expectedBatches(List<long[]> batches, java.util.TreeSet<Long> segmentBases,
                                                long fetch, int maxBytes, long bound, boolean minOne) {
        List<long[]> result = new ArrayList<>();
        long total = 0;
        long segmentEnd = Long.MAX_VALUE;
        for (long[] batch : batches) {
            if (batch[1] < fetch) {
                continue;
            }
            if (result.isEmpty()) {
                Long next = segmentBases.higher(batch[0]);
                segmentEnd = next == null ? Long.MAX_VALUE : next;
            }
            if (batch[0] >= segmentEnd || batch[1] >= bound || !result.isEmpty() && batch[2] + total > maxBytes
                    || result.isEmpty() && batch[2] > maxBytes && !minOne) {
                break;
            }
            result.add(batch);
            total += batch[2];
        }
        return result;
    }

    @Test
    void shouldRejectRecordsWhoseOffsetDeltasSkip() throws IOException {
        UnifiedLog log = open(Map.of());
        ByteBuffer batch = Batches.kafka(3, time.milliseconds(), "v");
        // Record 1's offset delta: length varint, attributes, timestamp delta varint (0), then the delta.
        int second = secondRecordStart(batch);
        batch.put(second + 3, (byte) (5 << 1));
        refreshCrc(batch);
        assertThatThrownBy(() -> log.appendAsLeader(batch, 0))
                .extracting(e -> ((LogException) e).error()).isEqualTo(StorageError.INVALID_RECORD);
        log.close();
    }

    @Test
    void shouldRejectARecordLengthThatDisagreesWithItsFields() throws IOException {
        UnifiedLog log = open(Map.of());
        ByteBuffer batch = Batches.kafka(3, time.milliseconds(), "v");
        int second = secondRecordStart(batch);
        batch.put(second, (byte) (batch.get(second) + 2)); // zig-zag: one byte longer
        refreshCrc(batch);
        assertThatThrownBy(() -> log.appendAsLeader(batch, 0))
                .extracting(e -> ((LogException) e).error()).isEqualTo(StorageError.INVALID_RECORD);
        log.close();
    }

    @Test
    void shouldAcceptKeyedRecordsOnCompactedTopicsAndRejectTooFewRecords() throws IOException {
        UnifiedLog log = open(Map.of(LogConfig.CLEANUP_POLICY, "compact"));
        assertThat(log.appendAsLeader(Batches.kafka(5, time.milliseconds(), "v"), 0).lastOffset()).isEqualTo(4);
        ByteBuffer batch = Batches.kafka(3, time.milliseconds(), "v");
        batch.putInt(57, 4); // the header claims a fourth record
        batch.putInt(23, 3);
        refreshCrc(batch);
        assertThatThrownBy(() -> log.appendAsLeader(batch, 0))
                .extracting(e -> ((LogException) e).error()).isEqualTo(StorageError.INVALID_RECORD);
        log.close();
    }

    @Test
    void shouldRejectARecordTimestampOutsideTheWindowEvenWhenTheHeaderIsInside() throws IOException {
        UnifiedLog log = open(Map.of(LogConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS, "60000"));
        long now = time.milliseconds();
        ByteBuffer batch = Batches.kafka(3, now, "v");
        int second = secondRecordStart(batch);
        // Record 1's timestamp delta (one byte, 0) becomes a 10-byte varlong of +2 h, with the record
        // length grown by 9 and the batch length by 9; the header's max timestamp still says "now".
        ByteBuffer bigger = ByteBuffer.allocate(batch.remaining() + 9);
        bigger.put(batch.duplicate().limit(second + 2));
        long delta = 2 * 3_600_000L;
        long zigzag = (delta << 1) ^ (delta >> 63);
        for (int i = 0; i < 9; i++) {
            bigger.put((byte) ((zigzag & 0x7f) | 0x80));
            zigzag >>>= 7;
        }
        bigger.put((byte) zigzag);
        bigger.put(batch.duplicate().position(second + 3));
        bigger.flip();
        bigger.put(second, (byte) (bigger.get(second) + 18)); // zig-zag length + 9
        bigger.putInt(8, bigger.getInt(8) + 9);
        refreshCrc(bigger);
        assertThat(new RecordBatch(bigger, 0).maxTimestamp()).isEqualTo(now);
        assertThatThrownBy(() -> log.appendAsLeader(bigger, 0))
                .extracting(e -> ((LogException) e).error()).isEqualTo(StorageError.INVALID_TIMESTAMP);
        assertThat(log.appendAsLeader(Batches.kafka(3, now, "v"), 0).lastOffset()).isEqualTo(2);
        log.close();
    }

    @Test
    void shouldRebuildProducerStateWhenTheNewestSnapshotIsTorn() throws IOException {
        Map<String, String> config = Map.of(LogConfig.SEGMENT_BYTES, "1024");
        UnifiedLog log = open(config);
        int sequence = 0;
        for (int i = 0; i < 20; i++) {
            log.appendAsLeader(Batches.idempotent(7L, (short) 1, sequence, 2, time.milliseconds(), "p"), 0);
            sequence += 2;
        }
        Path partition = dir.resolve(TP.directoryName());
        List<Path> snapshots;
        try (var files = java.nio.file.Files.list(partition)) {
            snapshots = files.filter(f -> f.toString().endsWith(".snapshot")).sorted().toList();
        }
        assertThat(snapshots).isNotEmpty(); // written at a roll, not fsynced: no flush ran (no scheduler)
        // A crash before the background fsync: the newest snapshot's content never reached the disk.
        java.nio.file.Files.write(snapshots.get(snapshots.size() - 1), new byte[] {0, 1, 0, 0});

        UnifiedLog crashed = UnifiedLog.open(partition, TP, LogConfig.fromMap(config), time,
                LogOpenOptions.afterCrash(0), null, LogDirFailureHandler.NONE);
        assertThat(crashed.appendAsLeader(Batches.idempotent(7L, (short) 1, 38, 2, time.milliseconds(), "p"), 0)
                .duplicate()).isTrue();
        assertThatThrownBy(() -> crashed.appendAsLeader(
                Batches.idempotent(7L, (short) 1, 50, 1, time.milliseconds(), "p"), 0))
                .extracting(e -> ((LogException) e).error()).isEqualTo(StorageError.OUT_OF_ORDER_SEQUENCE_NUMBER);
        crashed.close();
    }

    private static int secondRecordStart(ByteBuffer batch) {
        int first = RecordBatch.HEADER_SIZE;
        int length = (batch.get(first) & 0xff) >>> 1; // small records: one-byte zig-zag length
        return first + 1 + length;
    }

    private static void refreshCrc(ByteBuffer batch) {
        CRC32C crc = new CRC32C();
        crc.update(batch.slice(21, batch.remaining() - 21));
        batch.putInt(17, (int) crc.getValue());
    }
}
