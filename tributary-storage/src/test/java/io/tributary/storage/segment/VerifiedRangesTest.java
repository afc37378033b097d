package io.tributary.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The verified ranges agree with a plain bit set through random adds, truncations and clears. */
@Timeout(10)
class VerifiedRangesTest {

    @Test
    void rangesAgreeWithABitSetModel() {
        Random random = new Random(99);
        for (int round = 0; round < 200; round++) {
            VerifiedRanges ranges = new VerifiedRanges(null, "model", 0);
            BitSet model = new BitSet();
            for (int step = 0; step < 200; step++) {
                int op = random.nextInt(10);
                if (op < 7) {
                    int start = random.nextInt(1000);
                    int end = start + 1 + random.nextInt(100);
                    ranges.add(start, end);
                    model.set(start, end);
                } else if (op < 9) {
                    int size = random.nextInt(1100);
                    ranges.truncateTo(size);
                    model.clear(size, Integer.MAX_VALUE);
                } else {
                    ranges.clear();
                    model.clear();
                }
                for (int position = 0; position < 1150; position += 1 + random.nextInt(7)) {
                    int expected = model.get(position) ? model.nextClearBit(position) : position;
                    assertThat(ranges.verifiedEndFrom(position)).as("round %d step %d at %d", round, step, position)
                            .isEqualTo(expected);
                }
            }
        }
    }
}
