package io.tributary.storage.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.protocol.compress.CompressionType;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.storage.LogException;
import io.tributary.storage.StorageError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProducerStateManagerTest {

    private static final long PID = 4242L;
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    /** An idempotent batch of {@code records} records at {@code baseOffset}, sequences from {@code baseSeq}. */
    private static RecordBatch batch(long producerId, int epoch, int baseSeq, int records, long baseOffset) {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE).baseOffset(baseOffset)
                .producer(producerId, (short) epoch, baseSeq);
        for (int i = 0; i < records; i++) {
            builder.append(T0 + baseOffset + i, null, new byte[] {(byte) i});
        }
        return new RecordBatch(builder.build(), 0);
    }

    /** Checks and records the batch, as a leader append does. */
    private static void append(ProducerStateManager state, RecordBatch batch) {
        assertThat(state.checkAppend(batch)).isNull();
        state.update(batch);
    }

    private static LogException rejection(ProducerStateManager state, RecordBatch batch) {
        try {
            state.checkAppend(batch);
        } catch (LogException e) {
            return e;
        }
        throw new AssertionError("checkAppend accepted " + batch);
    }

    @Test
    void anUnknownProducerIsAcceptedFromAnySequence() {
        ProducerStateManager state = new ProducerStateManager(dir);

        assertThat(state.checkAppend(batch(PID, 0, 17, 2, 0))).isNull();
    }

    @Test
    void aRetryOfARememberedBatchIsAnsweredWithItsOriginalOffsets() {
        ProducerStateManager state = new ProducerStateManager(dir);
        append(state, batch(PID, 0, 0, 3, 10));
        append(state, batch(PID, 0, 3, 2, 13));

        BatchMetadata duplicate = state.checkAppend(batch(PID, 0, 0, 3, 0));

        assertThat(duplicate).isEqualTo(new BatchMetadata(0, 2, 10, 12));
    }

    @Test
    void aSequenceGapIsOutOfOrder() {
        ProducerStateManager state = new ProducerStateManager(dir);
        append(state, batch(PID, 0, 0, 3, 0));

        LogException e = rejection(state, batch(PID, 0, 5, 1, 3));

        assertThat(e.error()).isEqualTo(StorageError.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(e.getMessage()).contains("expected 3");
    }

    @Test
    void anOlderEpochIsFenced() {
        ProducerStateManager state = new ProducerStateManager(dir);
        append(state, batch(PID, 3, 0, 1, 0));

        assertThat(rejection(state, batch(PID, 2, 1, 1, 1)).error()).isEqualTo(StorageError.INVALID_PRODUCER_EPOCH);
    }

    @Test
    void aNewEpochMustStartAtSequenceZero() {
        ProducerStateManager state = new ProducerStateManager(dir);
        append(state, batch(PID, 1, 0, 4, 0));

        assertThat(rejection(state, batch(PID, 2, 4, 1, 4)).error())
                .isEqualTo(StorageError.OUT_OF_ORDER_SEQUENCE_NUMBER);
        append(state, batch(PID, 2, 0, 1, 4));
        assertThat(state.producer(PID).epoch()).isEqualTo((short) 2);
        assertThat(state.producer(PID).batches()).containsExactly(new BatchMetadata(0, 0, 4, 4));
    }

    @Test
    void theSequenceWrapsAroundAfterIntegerMax() {
        ProducerStateManager state = new ProducerStateManager(dir);
        append(state, batch(PID, 0, Integer.MAX_VALUE - 1, 2, 0));

        assertThat(state.checkAppend(batch(PID, 0, 0, 1, 2))).isNull();
        assertThat(rejection(state, batch(PID, 0, 1, 1, 2)).error())
                .isEqualTo(StorageError.OUT_OF_ORDER_SEQUENCE_NUMBER);
    }

    @Test
    void onlyTheLastFiveBatchesAreRememberedForRetries() {
        ProducerStateManager state = new ProducerStateManager(dir);
        for (int i = 0; i < 6; i++) {
            append(state, batch(PID, 0, i * 2, 2, i * 2L));
        }

        assertThat(state.producer(PID).batches()).hasSize(ProducerStateEntry.NUM_BATCHES_TO_RETAIN);
        assertThat(state.checkAppend(batch(PID, 0, 2, 2, 0))).isEqualTo(new BatchMetadata(2, 3, 2, 3));
        assertThat(rejection(state, batch(PID, 0, 0, 2, 0)).error())
                .isEqualTo(StorageError.OUT_OF_ORDER_SEQUENCE_NUMBER);
    }

    @Test
    void producersAreTrackedIndependently() {
        ProducerStateManager state = new ProducerStateManager(dir);
        append(state, batch(1L, 0, 0, 2, 0));
        append(state, batch(2L, 0, 0, 2, 2));

        assertThat(state.producerCount()).isEqualTo(2);
        assertThat(state.checkAppend(batch(1L, 0, 2, 1, 4))).isNull();
        assertThat(state.checkAppend(batch(2L, 0, 0, 2, 4))).isEqualTo(new BatchMetadata(0, 1, 2, 3));
    }

    @Test
    void aBatchWithoutProducerOnlyAdvancesTheMapEnd() {
        ProducerStateManager state = new ProducerStateManager(dir);
        RecordBatch plain = new RecordBatch(new RecordBatchBuilder(CompressionType.NONE).baseOffset(7)
                .append(T0, null, new byte[] {1}).append(T0, null, new byte[] {2}).build(), 0);

        state.update(plain);

        assertThat(state.producerCount()).isZero();
        assertThat(state.mapEndOffset()).isEqualTo(9);
    }

    @Test
    void aSnapshotRestoresEveryProducerAndTheMapEndAfterARestart() throws IOException {
        ProducerStateManager state = new ProducerStateManager(dir);
        append(state, batch(PID, 5, 0, 3, 0));
        append(state, batch(PID, 5, 3, 3, 3));
        state.takeSnapshot();

        ProducerStateManager restarted = new ProducerStateManager(dir);
        restarted.truncateAndReload(0, Long.MAX_VALUE);

        assertThat(restarted.mapEndOffset()).isEqualTo(6);
        assertThat(restarted.producer(PID).epoch()).isEqualTo((short) 5);
        assertThat(restarted.checkAppend(batch(PID, 5, 3, 3, 0))).isEqualTo(new BatchMetadata(3, 5, 3, 5));
        assertThat(restarted.checkAppend(batch(PID, 5, 6, 1, 6))).isNull();
    }

    @Test
    void reloadingBelowASnapshotDeletesItAndUsesTheNewestAtOrBelow() throws IOException {
        ProducerStateManager state = new ProducerStateManager(dir);
        append(state, batch(PID, 0, 0, 2, 0));
        state.takeSnapshot(); // at 2
        append(state, batch(PID, 0, 2, 2, 2));
        state.takeSnapshotUnsynced(); // at 4

        state.truncateAndReload(0, 3);

        assertThat(state.snapshotOffsets()).containsExactly(2L);
        assertThat(state.mapEndOffset()).isEqualTo(2);
        assertThat(state.producer(PID).lastSeq()).isEqualTo(1);
    }

    @Test
    void anUnreadableSnapshotIsDeletedAndTheOlderOneUsed() throws IOException {
        ProducerStateManager state = new ProducerStateManager(dir);
        append(state, batch(PID, 0, 0, 2, 0));
        state.takeSnapshot(); // at 2
        append(state, batch(PID, 0, 2, 2, 2));
        state.takeSnapshot(); // at 4
        Path newest = dir.resolve(String.format("%020d", 4) + ".snapshot");
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length - 1] ^= 0x7f;
        Files.write(newest, bytes);

        ProducerStateManager restarted = new ProducerStateManager(dir);
        restarted.truncateAndReload(0, Long.MAX_VALUE);

        assertThat(Files.exists(newest)).isFalse();
        assertThat(restarted.mapEndOffset()).isEqualTo(2);
        assertThat(restarted.producer(PID).lastSeq()).isEqualTo(1);
    }

    @Test
    void withNoUsableSnapshotReplayStartsEmptyAtTheLogStart() throws IOException {
        ProducerStateManager state = new ProducerStateManager(dir);
        append(state, batch(PID, 0, 0, 2, 0));
        state.takeSnapshot(); // at 2, below the new log start

        state.truncateAndReload(10, Long.MAX_VALUE);

        assertThat(state.producerCount()).isZero();
        assertThat(state.mapEndOffset()).isEqualTo(10);
    }

    @Test
    void deletingOldSnapshotsAlwaysKeepsTheNewest() throws IOException {
        ProducerStateManager state = new ProducerStateManager(dir);
        for (int i = 0; i < 3; i++) {
            append(state, batch(PID, 0, i, 1, i));
            state.takeSnapshot(); // at 1, 2, 3
        }

        state.deleteSnapshotsBefore(100);

        assertThat(state.snapshotOffsets()).containsExactly(3L);
    }

    @Test
    void anUnsyncedSnapshotIsReadableAndSyncingItLeavesItInPlace() throws IOException {
        ProducerStateManager state = new ProducerStateManager(dir);
        append(state, batch(PID, 0, 0, 2, 0));
        state.takeSnapshotUnsynced();

        state.syncSnapshotsUpTo(2);

        ProducerStateManager restarted = new ProducerStateManager(dir);
        restarted.truncateAndReload(0, Long.MAX_VALUE);
        assertThat(restarted.mapEndOffset()).isEqualTo(2);
        assertThat(restarted.producer(PID)).isNotNull();
    }

    @Test
    void aRejectedBatchLeavesTheStateUnchanged() {
        ProducerStateManager state = new ProducerStateManager(dir);
        append(state, batch(PID, 0, 0, 2, 0));

        assertThatThrownBy(() -> state.checkAppend(batch(PID, 0, 9, 1, 2))).isInstanceOf(LogException.class);

        assertThat(state.producer(PID).lastSeq()).isEqualTo(1);
        assertThat(state.mapEndOffset()).isEqualTo(2);
    }
}
