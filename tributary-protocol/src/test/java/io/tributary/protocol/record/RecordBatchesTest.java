package io.tributary.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.protocol.compress.CompressionType;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RecordBatchesTest {

    private static ByteBuffer batch(long baseOffset, int records) {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE).baseOffset(baseOffset);
        for (int i = 0; i < records; i++) {
            builder.append(1000L + i, ("k" + i).getBytes(), ("v" + i).getBytes());
        }
        return builder.build();
    }

    @Test
    void shouldIterateWholeBatchesAndReportAPartialTail() {
        ByteBuffer first = batch(0, 3);
        ByteBuffer second = batch(3, 2);
        ByteBuffer third = batch(5, 4);
        ByteBuffer all = ByteBuffer.allocate(first.limit() + second.limit() + third.limit() - 7);
        all.put(first.duplicate()).put(second.duplicate()).put(third.duplicate().limit(third.limit() - 7)).flip();

        RecordBatches batches = RecordBatches.of(all);
        assertThat(batches.toList()).extracting(RecordBatch::baseOffset).containsExactly(0L, 3L);
        assertThat(batches.validBytes()).isEqualTo(first.limit() + second.limit());
        assertThat(batches.hasPartialTrailingBatch()).isTrue();
        assertThat(batches.trailingBytes()).isEqualTo(third.limit() - 7);
    }

    @Test
    void shouldStopAtAnImpossibleLengthField() {
        ByteBuffer buffer = batch(0, 1);
        buffer.putInt(RecordBatch.BATCH_LENGTH, 3);
        assertThat(RecordBatches.of(buffer).toList()).isEmpty();
        assertThat(RecordBatches.of(buffer).hasPartialTrailingBatch()).isTrue();
    }

    @Test
    void shouldRejectARecordCountThatDisagreesWithTheRecords() {
        ByteBuffer buffer = batch(0, 2);
        buffer.putInt(RecordBatch.RECORD_COUNT, 3);
        assertThatThrownBy(() -> new RecordBatch(buffer, 0).records()).isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void shouldRoundTripVarintsAtTheEdges() {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        int[] ints = {0, -1, 1, 63, -64, 64, Integer.MAX_VALUE, Integer.MIN_VALUE};
        for (int v : ints) {
            buffer.clear();
            Varint.writeVarint(v, buffer);
            assertThat(buffer.position()).isEqualTo(Varint.sizeOfVarint(v));
            buffer.flip();
            assertThat(Varint.readVarint(buffer)).isEqualTo(v);
        }
        long[] longs = {0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40};
        for (long v : longs) {
            buffer.clear();
            Varint.writeVarlong(v, buffer);
            assertThat(buffer.position()).isEqualTo(Varint.sizeOfVarlong(v));
            buffer.flip();
            assertThat(Varint.readVarlong(buffer)).isEqualTo(v);
        }
    }
}
