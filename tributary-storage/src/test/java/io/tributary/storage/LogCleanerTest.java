package io.tributary.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.MockTime;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.compress.CompressionType;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.protocol.record.RecordBatches;
import io.tributary.storage.config.LogConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LogCleanerTest {

    private static final TopicPartition TP = new TopicPartition("__consumer_offsets", 7);

    @TempDir
    Path logDir;

    private final MockTime time = new MockTime();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    private UnifiedLog open(LogConfig config) throws IOException {
        return UnifiedLog.open(logDir.resolve(TP.directoryName()), TP, config, time, LogOpenOptions.CLEAN, scheduler,
                LogDirFailureHandler.NONE);
    }

    private static LogConfig compacted(String segmentBytes) {
        return LogConfig.fromMap(Map.of(LogConfig.CLEANUP_POLICY, "compact", LogConfig.SEGMENT_BYTES, segmentBytes,
                LogConfig.FILE_DELETE_DELAY_MS, "0", LogConfig.DELETE_RETENTION_MS, "1000"));
    }

    private ByteBuffer batch(CompressionType codec, int count, String key, int firstValue) {
        RecordBatchBuilder builder = new RecordBatchBuilder(codec);
        for (int i = 0; i < count; i++) {
            builder.append(time.milliseconds(), key.getBytes(StandardCharsets.UTF_8),
                    ("value-" + (firstValue + i) + "-padding-padding-padding").getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private long bytesOnDisk(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".deleted"))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Every record a consumer fetching from the start sees, checking batch validity and offset order. */
    private static List<Record> readAll(UnifiedLog log) {
        List<Record> all = new java.util.ArrayList<>();
        long next = log.logStartOffset();
        long previous = -1;
        while (next < log.logEndOffset()) {
            LogSlice slice = log.read(next, Integer.MAX_VALUE, log.logEndOffset(), true);
            if (slice.isEmpty()) {
                break;
            }
            for (RecordBatch b : RecordBatches.of(slice.readFully())) {
                assertThat(b.isValid()).isTrue();
                for (Record r : b.records()) {
                    assertThat(r.offset()).isGreaterThan(previous);
                    previous = r.offset();
                    all.add(r);
                }
                next = b.nextOffset();
            }
        }
        return all;
    }

    @Test
    void shouldBoundTheSizeOfALogThatRewritesOneKey() throws IOException {
        UnifiedLog log = open(compacted("65536"));
        LogCleaner cleaner = new LogCleaner(() -> List.of(log), time, 1000);
        long maxOnDisk = 0;
        int written = 0;
        while (written < 200_000) {
            log.appendAsLeader(batch(CompressionType.NONE, 100, "the-key", written), 0);
            written += 100;
            log.updateHighWatermark(log.logEndOffset());
            if (written % 20_000 == 0) {
                cleaner.cleanDirtiest();
                maxOnDisk = Math.max(maxOnDisk, bytesOnDisk(log.dir()));
            }
        }
        log.roll();
        log.updateHighWatermark(log.logEndOffset());
        cleaner.clean(log);
        cleaner.clean(log); // a second pass merges the now tiny cleaned segments
        long written200k = 200_000L * 50;
        assertThat(log.logEndOffset()).isEqualTo(200_000);
        assertThat(log.size()).isLessThan(2 * 65536);
        assertThat(bytesOnDisk(log.dir())).isLessThan(written200k / 20);
        assertThat(maxOnDisk).isLessThan(written200k / 5);
        assertThat(log.numberOfSegments()).isLessThanOrEqualTo(3);

        List<Record> survivors = readAll(log);
        assertThat(survivors).hasSize(1);
        assertThat(survivors.get(0).offset()).isEqualTo(199_999);
        assertThat(new String(survivors.get(0).valueBytes(), StandardCharsets.UTF_8)).startsWith("value-199999-");
        log.close();
    }

    @Test
    void shouldKeepTheLatestRecordPerKeyWithOriginalOffsetsAcrossCodecs() throws IOException {
        UnifiedLog log = open(compacted("2048"));
        Map<String, Long> latestOffset = new HashMap<>();
        CompressionType[] codecs = CompressionType.values();
        for (int round = 0; round < 30; round++) {
            for (int k = 0; k < 5; k++) {
                String key = "k" + k;
                LogAppendInfo info = log.appendAsLeader(batch(codecs[(round + k) % codecs.length], 2, key, round), 3);
                latestOffset.put(key, info.lastOffset());
            }
        }
        log.appendAsLeader(Batches.keyed("k0", null, time.milliseconds()), 3); // tombstone for k0
        latestOffset.put("k0", log.logEndOffset() - 1);
        log.roll();
        log.updateHighWatermark(log.logEndOffset());
        long before = log.size();
        CleanerStats stats = new LogCleaner(() -> List.of(log), time, 1000).clean(log);
        assertThat(stats.recordsRetained()).isEqualTo(5);
        assertThat(log.size()).isLessThan(before);

        Map<String, Long> seen = new HashMap<>();
        for (Record r : readAll(log)) {
            seen.put(new String(r.keyBytes(), StandardCharsets.UTF_8), r.offset());
        }
        assertThat(seen).isEqualTo(latestOffset);

        // Once delete.retention.ms has passed, the tombstone itself goes.
        time.sleep(5000);
        log.appendAsLeader(Batches.keyed("k1", "fresh", time.milliseconds()), 3);
        log.roll();
        log.updateHighWatermark(log.logEndOffset());
        new LogCleaner(() -> List.of(log), time, 1000).clean(log);
        seen.clear();
        readAll(log).forEach(r -> seen.put(new String(r.keyBytes(), StandardCharsets.UTF_8), r.offset()));
        assertThat(seen).doesNotContainKey("k0").containsKeys("k1", "k2", "k3", "k4");
        log.close();

        UnifiedLog reopened = UnifiedLog.open(log.dir(), TP, compacted("2048"), time, LogOpenOptions.afterCrash(0),
                scheduler, LogDirFailureHandler.NONE);
        assertThat(reopened.logEndOffset()).isEqualTo(log.logEndOffset());
        assertThat(reopened.recoveryStats().bytesTruncated()).isZero();
        reopened.close();
    }

    @Test
    void shouldRejectKeylessRecordsOnCompactedTopics() throws IOException {
        UnifiedLog log = open(compacted("2048"));
        ByteBuffer keyless = new RecordBatchBuilder(CompressionType.LZ4).append(time.milliseconds(), null,
                "v".getBytes(StandardCharsets.UTF_8)).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> log.appendAsLeader(keyless, 0))
                .extracting(e -> ((LogException) e).error()).isEqualTo(StorageError.INVALID_RECORD);
        log.close();
    }
}
