package io.tributary.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OffsetIndexTest {

    private static final long BASE = 1_000;

    @TempDir
    Path dir;

    private Path path() {
        return dir.resolve(LogSegment.fileName(BASE, LogSegment.INDEX_SUFFIX));
    }

    private OffsetIndex indexWith(long... offsetAndPosition) throws IOException {
        OffsetIndex index = OffsetIndex.open(path(), BASE, 1024);
        for (int i = 0; i < offsetAndPosition.length; i += 2) {
            index.append(offsetAndPosition[i], (int) offsetAndPosition[i + 1]);
        }
        return index;
    }

    @Test
    void anEmptyIndexPointsEveryLookupAtTheStartOfTheSegment() throws IOException {
        OffsetIndex index = indexWith();

        assertThat(index.lookup(BASE + 500)).isEqualTo(new IndexEntry(BASE, 0));
        assertThat(index.lastOffset()).isEqualTo(BASE);
        assertThat(index.entries()).isZero();
    }

    @Test
    void lookupGivesTheLargestEntryAtOrBelowTheTarget() throws IOException {
        OffsetIndex index = indexWith(1_010, 400, 1_020, 800, 1_030, 1_200);

        assertThat(index.lookup(1_005)).isEqualTo(new IndexEntry(BASE, 0));
        assertThat(index.lookup(1_010)).isEqualTo(new IndexEntry(1_010, 400));
        assertThat(index.lookup(1_029)).isEqualTo(new IndexEntry(1_020, 800));
        assertThat(index.lookup(Long.MAX_VALUE)).isEqualTo(new IndexEntry(1_030, 1_200));
    }

    @Test
    void floorPositionGivesTheLargestIndexedPositionAtOrBelow() throws IOException {
        OffsetIndex index = indexWith(1_010, 400, 1_020, 800);

        assertThat(index.floorPosition(100)).isZero();
        assertThat(index.floorPosition(400)).isEqualTo(400);
        assertThat(index.floorPosition(799)).isEqualTo(400);
        assertThat(index.floorPosition(5_000)).isEqualTo(800);
    }

    @Test
    void appendRefusesAnOffsetNotAboveTheLastOne() throws IOException {
        OffsetIndex index = indexWith(1_010, 400);

        assertThatThrownBy(() -> index.append(1_010, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.append(1_009, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThat(index.entries()).isEqualTo(1);
    }

    @Test
    void appendRefusesAnOffsetOutsideTheSegmentsRelativeRange() throws IOException {
        OffsetIndex index = indexWith();

        assertThatThrownBy(() -> index.append(BASE - 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.append(BASE + Integer.MAX_VALUE + 1L, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entriesAreOnDiskAndComeBackOnReopen() throws IOException {
        OffsetIndex index = indexWith(1_010, 400, 1_020, 800);
        index.flush();
        index.close();

        assertThat(Files.size(path())).isEqualTo(2L * OffsetIndex.ENTRY_SIZE);
        OffsetIndex reopened = OffsetIndex.open(path(), BASE, 1024);
        assertThat(reopened.entries()).isEqualTo(2);
        assertThat(reopened.lookup(1_025)).isEqualTo(new IndexEntry(1_020, 800));
        reopened.close();
    }

    @Test
    void truncateRemovesEntriesAtOrAboveTheOffsetInMemoryAndOnDisk() throws IOException {
        OffsetIndex index = indexWith(1_010, 400, 1_020, 800, 1_030, 1_200);

        index.truncateTo(1_020);

        assertThat(index.entries()).isEqualTo(1);
        assertThat(index.lookup(Long.MAX_VALUE)).isEqualTo(new IndexEntry(1_010, 400));
        assertThat(Files.size(path())).isEqualTo(OffsetIndex.ENTRY_SIZE);
        index.append(1_015, 600); // appending resumes after the kept prefix
        assertThat(index.lookup(1_016)).isEqualTo(new IndexEntry(1_015, 600));
        index.close();
    }

    @Test
    void theIndexIsFullAtMaxIndexBytes() throws IOException {
        OffsetIndex index = OffsetIndex.open(path(), BASE, 2 * OffsetIndex.ENTRY_SIZE);
        index.append(1_001, 10);
        assertThat(index.isFull()).isFalse();

        index.append(1_002, 20);

        assertThat(index.isFull()).isTrue();
        index.close();
    }

    @Test
    void theIndexGrowsPastItsInitialCapacityKeepingEveryEntry() throws IOException {
        OffsetIndex index = OffsetIndex.open(path(), BASE, 1 << 20);
        for (int i = 1; i <= 1_000; i++) {
            index.append(BASE + i * 3L, i * 100);
        }

        assertThat(index.entries()).isEqualTo(1_000);
        assertThat(index.lookup(BASE + 1_501)).isEqualTo(new IndexEntry(BASE + 1_500, 50_000));
        assertThat(index.lastOffset()).isEqualTo(BASE + 3_000);
        index.close();
    }

    @Test
    void aFileWithAPartialEntryIsRejectedAsCorrupt() throws IOException {
        Files.write(path(), new byte[OffsetIndex.ENTRY_SIZE + 3]);

        assertThatThrownBy(() -> OffsetIndex.open(path(), BASE, 1024))
                .isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining("partial entry");
    }

    @Test
    void aFileWithOffsetsOutOfOrderIsRejectedAsCorrupt() throws IOException {
        ByteBuffer entries = ByteBuffer.allocate(2 * OffsetIndex.ENTRY_SIZE)
                .putInt(20).putInt(800)
                .putInt(10).putInt(900);
        Files.write(path(), entries.array());

        assertThatThrownBy(() -> OffsetIndex.open(path(), BASE, 1024))
                .isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining("out of order");
    }

    @Test
    void aFileWithPositionsGoingBackwardsIsRejectedAsCorrupt() throws IOException {
        ByteBuffer entries = ByteBuffer.allocate(2 * OffsetIndex.ENTRY_SIZE)
                .putInt(10).putInt(800)
                .putInt(20).putInt(400);
        Files.write(path(), entries.array());

        assertThatThrownBy(() -> OffsetIndex.open(path(), BASE, 1024)).isInstanceOf(CorruptIndexException.class);
    }
}
