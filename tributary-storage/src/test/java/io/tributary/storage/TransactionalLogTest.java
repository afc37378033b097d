package io.tributary.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.MockTime;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.record.ControlRecord;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatches;
import io.tributary.storage.config.LogConfig;
import io.tributary.storage.producer.ProducerView;
import io.tributary.storage.segment.AbortedTxn;
import io.tributary.storage.segment.LogSegment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.record.ControlRecordType;
import org.apache.kafka.common.record.MemoryRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Transactions in the log: markers, the last stable offset, the aborted-transaction index and its recovery. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransactionalLogTest {

    private static final TopicPartition TP = new TopicPartition("payments", 0);

    @TempDir
    Path logDir;

    private final MockTime time = new MockTime();
    private final List<UnifiedLog> opened = new ArrayList<>();

    @AfterEach
    void tearDown() {
        opened.forEach(log -> {
            try {
                log.close();
            } catch (LogException ignored) {
                // already closed
            }
        });
    }

    private UnifiedLog open(LogOpenOptions options, String... keyValues) throws IOException {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        UnifiedLog log = UnifiedLog.open(logDir.resolve(TP.directoryName()), TP, LogConfig.fromMap(map), time,
                options, null, LogDirFailureHandler.NONE);
        opened.add(log);
        return log;
    }

    private void append(UnifiedLog log, ByteBuffer batch) {
        log.appendAsLeader(batch, 3);
        log.updateHighWatermark(log.logEndOffset());
    }

    @Test
    void lastStableOffsetStopsAtTheFirstOpenTransactionAndMovesWhenItEnds() throws IOException {
        UnifiedLog log = open(LogOpenOptions.CLEAN);
        append(log, Batches.kafka(2, time.milliseconds(), "plain"));                  // 0-1
        append(log, Batches.transactional(10L, (short) 0, 0, 3, time.milliseconds(), "a")); // 2-4
        append(log, Batches.transactional(11L, (short) 0, 0, 2, time.milliseconds(), "b")); // 5-6
        assertThat(log.lastStableOffset()).isEqualTo(2);

        log.appendMarkerAsLeader(10L, (short) 0, 0, true, 3);                          // 7
        assertThat(log.lastStableOffset()).as("the marker is not replicated yet").isEqualTo(2);
        log.updateHighWatermark(log.logEndOffset());
        assertThat(log.lastStableOffset()).as("producer 11 is still open").isEqualTo(5);

        log.appendMarkerAsLeader(11L, (short) 0, 0, false, 3);                         // 8
        log.updateHighWatermark(log.logEndOffset());
        assertThat(log.lastStableOffset()).isEqualTo(9).isEqualTo(log.highWatermark());
        assertThat(log.abortedTransactions(0, 9)).containsExactly(new AbortedTxn(11L, 5, 8, 9));
        assertThat(log.abortedTransactions(9, 9)).isEmpty();
        assertThat(log.abortedTransactions(0, 5)).as("first record not below the bound").isEmpty();
    }

    @Test
    void markersAreControlBatchesInKafkasFormat() throws IOException {
        UnifiedLog log = open(LogOpenOptions.CLEAN);
        append(log, Batches.transactional(10L, (short) 4, 0, 1, time.milliseconds(), "a"));
        log.appendMarkerAsLeader(10L, (short) 4, 7, false, 3);
        log.updateHighWatermark(log.logEndOffset());
        ByteBuffer bytes = log.read(1, 1 << 20, log.logEndOffset(), true).readFully();
        MemoryRecords records = MemoryRecords.readableRecords(bytes);
        var batch = records.batches().iterator().next();
        assertThat(batch.isControlBatch()).isTrue();
        assertThat(batch.isTransactional()).isTrue();
        assertThat(batch.producerId()).isEqualTo(10L);
        assertThat(batch.producerEpoch()).isEqualTo((short) 4);
        var record = batch.iterator().next();
        assertThat(ControlRecordType.parse(record.key())).isEqualTo(ControlRecordType.ABORT);
        assertThat(org.apache.kafka.common.record.EndTransactionMarker.deserialize(record).coordinatorEpoch())
                .isEqualTo(7);
    }

    @Test
    void abortedTransactionIndexIsKafkasFormatAndRebuiltOnRecovery() throws IOException {
        UnifiedLog log = open(LogOpenOptions.CLEAN);
        append(log, Batches.transactional(10L, (short) 0, 0, 3, time.milliseconds(), "a")); // 0-2
        log.appendMarkerAsLeader(10L, (short) 0, 0, false, 3);                          // 3
        append(log, Batches.transactional(10L, (short) 0, 3, 1, time.milliseconds(), "b")); // 4
        log.appendMarkerAsLeader(10L, (short) 0, 0, true, 3);                           // 5
        log.updateHighWatermark(log.logEndOffset());
        Path dir = log.dir();
        Path txnIndex = dir.resolve(LogSegment.fileName(0, LogSegment.TXN_INDEX_SUFFIX));
        log.close();
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(txnIndex));
        assertThat(file.remaining()).isEqualTo(34);
        assertThat(file.getShort()).isZero();
        assertThat(file.getLong()).isEqualTo(10L);
        assertThat(file.getLong()).isEqualTo(0L);
        assertThat(file.getLong()).isEqualTo(3L);
        assertThat(file.getLong()).isEqualTo(4L);

        Files.delete(txnIndex);
        try (var files = Files.list(dir)) {
            for (Path snapshot : files.filter(p -> p.toString().endsWith(".snapshot")).toList()) {
                Files.delete(snapshot);
            }
        }
        UnifiedLog recovered = open(LogOpenOptions.afterCrash(0));
        assertThat(recovered.abortedTransactions(0, Long.MAX_VALUE)).containsExactly(new AbortedTxn(10L, 0, 3, 4));
        assertThat(Files.size(txnIndex)).isEqualTo(34);
    }

    @Test
    void openTransactionSurvivesARestartThroughTheProducerSnapshot() throws IOException {
        UnifiedLog log = open(LogOpenOptions.CLEAN);
        append(log, Batches.kafka(1, time.milliseconds(), "plain"));
        append(log, Batches.transactional(12L, (short) 2, 0, 2, time.milliseconds(), "open")); // 1-2
        log.close();
        UnifiedLog reopened = open(new LogOpenOptions(true, 3, 0, 3));
        assertThat(reopened.lastStableOffset()).isEqualTo(1);
        assertThat(reopened.activeProducers()).extracting(ProducerView::currentTxnStartOffset).containsExactly(1L);
        reopened.appendMarkerAsLeader(12L, (short) 2, 0, true, 3);
        reopened.updateHighWatermark(reopened.logEndOffset());
        assertThat(reopened.lastStableOffset()).isEqualTo(4);
    }

    @Test
    void markerOfAFencedEpochOrCoordinatorIsRefusedWithNothingWritten() throws IOException {
        UnifiedLog log = open(LogOpenOptions.CLEAN);
        append(log, Batches.transactional(10L, (short) 5, 0, 1, time.milliseconds(), "a"));
        log.appendMarkerAsLeader(10L, (short) 5, 3, true, 3);
        long end = log.logEndOffset();
        assertThatThrownBy(() -> log.appendMarkerAsLeader(10L, (short) 4, 3, false, 3))
                .isInstanceOfSatisfying(LogException.class,
                        e -> assertThat(e.error()).isEqualTo(StorageError.INVALID_PRODUCER_EPOCH));
        assertThatThrownBy(() -> log.appendMarkerAsLeader(10L, (short) 5, 2, false, 3))
                .isInstanceOfSatisfying(LogException.class,
                        e -> assertThat(e.error()).isEqualTo(StorageError.TRANSACTION_COORDINATOR_FENCED));
        assertThat(log.logEndOffset()).isEqualTo(end);
    }

    @Test
    void transactionalBatchWithASequenceGapOrFencedEpochIsRefusedWithNothingWritten() throws IOException {
        UnifiedLog log = open(LogOpenOptions.CLEAN);
        append(log, Batches.transactional(10L, (short) 1, 0, 2, time.milliseconds(), "a"));
        long end = log.logEndOffset();
        assertThatThrownBy(() -> log.appendAsLeader(Batches.transactional(10L, (short) 1, 5, 1,
                time.milliseconds(), "gap"), 3))
                .isInstanceOfSatisfying(LogException.class,
                        e -> assertThat(e.error()).isEqualTo(StorageError.OUT_OF_ORDER_SEQUENCE_NUMBER));
        assertThatThrownBy(() -> log.appendAsLeader(Batches.transactional(10L, (short) 0, 2, 1,
                time.milliseconds(), "zombie"), 3))
                .isInstanceOfSatisfying(LogException.class,
                        e -> assertThat(e.error()).isEqualTo(StorageError.INVALID_PRODUCER_EPOCH));
        assertThat(log.logEndOffset()).isEqualTo(end);
        assertThat(log.lastStableOffset()).isEqualTo(0);
    }

    @Test
    void compactionDropsAbortedRecordsKeepsMarkersAndNeverLetsAnAbortedRecordWinAKey() throws IOException {
        UnifiedLog log = open(LogOpenOptions.CLEAN, "cleanup.policy", "compact");
        append(log, Batches.transactional(10L, (short) 0, 0, 1, time.milliseconds(), "committed")); // 0: key-0
        log.appendMarkerAsLeader(10L, (short) 0, 0, true, 3);                                        // 1
        append(log, Batches.transactional(11L, (short) 0, 0, 1, time.milliseconds(), "aborted"));   // 2: key-0
        log.appendMarkerAsLeader(11L, (short) 0, 0, false, 3);                                       // 3
        log.updateHighWatermark(log.logEndOffset());
        log.roll();
        append(log, Batches.keyed("other", "active-0", time.milliseconds()));                          // 4
        log.roll();
        append(log, Batches.keyed("other", "tail-0", time.milliseconds()));                            // 5
        new Compactor(log, time.milliseconds()).clean();

        List<String> values = new ArrayList<>();
        List<Boolean> controls = new ArrayList<>();
        for (RecordBatch batch : allBatches(log)) {
            controls.add(batch.isControl());
            if (!batch.isControl()) {
                batch.records().forEach(r -> values.add(java.nio.charset.StandardCharsets.UTF_8.decode(r.value()).toString()));
            }
        }
        assertThat(values).as("key-0 keeps its committed value: the later aborted one never happened")
                .containsExactly("committed-0", "active-0", "tail-0");
        assertThat(controls).as("both markers survive").filteredOn(c -> c).hasSize(2);
        assertThat(log.abortedTransactions(0, Long.MAX_VALUE)).containsExactly(new AbortedTxn(11L, 2, 3, 4));
    }

    @Test
    void compactionStopsBeforeAnOpenTransaction() throws IOException {
        UnifiedLog log = open(LogOpenOptions.CLEAN, "cleanup.policy", "compact");
        append(log, Batches.kafka(1, time.milliseconds(), "old"));                                   // 0: key-0
        log.roll();
        append(log, Batches.transactional(12L, (short) 0, 0, 1, time.milliseconds(), "open"));      // 1: key-0
        log.roll();
        append(log, Batches.kafka(1, time.milliseconds(), "tail"));
        assertThat(Compactor.cleanableSegments(log, time.milliseconds())).as("LSO is 1").hasSize(1);
        new Compactor(log, time.milliseconds()).clean();
        List<String> values = new ArrayList<>();
        for (RecordBatch batch : allBatches(log)) {
            batch.records().forEach(r -> values.add(java.nio.charset.StandardCharsets.UTF_8.decode(r.value()).toString()));
        }
        assertThat(values).as("the open transaction's record does not supersede the committed one yet")
                .contains("old-0", "open-0");
    }

    /** Every batch of the log, segment by segment (a read returns one segment's batches at most). */
    private static List<RecordBatch> allBatches(UnifiedLog log) {
        List<RecordBatch> batches = new ArrayList<>();
        long offset = log.logStartOffset();
        while (offset < log.logEndOffset()) {
            LogSlice slice = log.read(offset, 1 << 20, log.logEndOffset(), true);
            if (slice.isEmpty()) {
                break;
            }
            for (RecordBatch batch : RecordBatches.of(slice.readFully())) {
                batches.add(batch);
                offset = batch.nextOffset();
            }
        }
        return batches;
    }

    @Test
    void followerCopiesMarkersAndBuildsTheSameIndex() throws IOException {
        UnifiedLog leader = open(LogOpenOptions.CLEAN);
        append(leader, Batches.transactional(10L, (short) 0, 0, 2, time.milliseconds(), "a"));
        leader.appendMarkerAsLeader(10L, (short) 0, 0, false, 3);
        UnifiedLog follower = UnifiedLog.open(logDir.resolve("follower"), TP, LogConfig.fromMap(Map.of()), time,
                LogOpenOptions.CLEAN, null, LogDirFailureHandler.NONE);
        opened.add(follower);
        follower.appendAsFollower(leader.read(0, 1 << 20, leader.logEndOffset(), true).readFully());
        follower.updateHighWatermark(follower.logEndOffset());
        assertThat(follower.abortedTransactions(0, Long.MAX_VALUE)).containsExactly(new AbortedTxn(10L, 0, 2, 3));
        assertThat(follower.lastStableOffset()).isEqualTo(3);
        List<RecordBatch> batches = RecordBatches.of(follower.read(0, 1 << 20, 3, true).readFully()).toList();
        assertThat(ControlRecord.typeOf(batches.get(1))).isEqualTo(ControlRecord.Type.ABORT);
    }
}
