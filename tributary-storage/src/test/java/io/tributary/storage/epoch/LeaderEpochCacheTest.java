package io.tributary.storage.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LeaderEpochCacheTest {

    @TempDir
    Path dir;

    private LeaderEpochCache cacheWith(long... epochAndStart) throws IOException {
        LeaderEpochCache cache = LeaderEpochCache.load(dir);
        for (int i = 0; i < epochAndStart.length; i += 2) {
            cache.assign((int) epochAndStart[i], epochAndStart[i + 1]);
        }
        return cache;
    }

    @Test
    void anAbsentCheckpointLoadsEmpty() throws IOException {
        LeaderEpochCache cache = LeaderEpochCache.load(dir);

        assertThat(cache.entries()).isEmpty();
        assertThat(cache.latestEpoch()).isEmpty();
        assertThat(cache.endOffsetFor(0, 100)).isEqualTo(EpochEndOffset.UNDEFINED);
    }

    @Test
    void everyAssignmentIsWrittenThroughAndSurvivesAReload() throws IOException {
        cacheWith(0, 0, 1, 10, 3, 25);

        LeaderEpochCache reloaded = LeaderEpochCache.load(dir);

        assertThat(reloaded.entries()).containsExactly(new EpochEntry(0, 0), new EpochEntry(1, 10),
                new EpochEntry(3, 25));
        assertThat(reloaded.latestEpoch()).contains(3);
    }

    @Test
    void repeatingTheLatestEpochAtALaterOffsetKeepsItsFirstStart() throws IOException {
        LeaderEpochCache cache = cacheWith(2, 10);

        cache.assign(2, 40);

        assertThat(cache.entries()).containsExactly(new EpochEntry(2, 10));
    }

    @Test
    void aNegativeEpochIsIgnored() throws IOException {
        LeaderEpochCache cache = cacheWith(1, 0);

        cache.assign(-1, 50);

        assertThat(cache.entries()).containsExactly(new EpochEntry(1, 0));
    }

    @Test
    void anEpochNotAboveTheLatestReplacesTheEntriesItConflictsWith() throws IOException {
        LeaderEpochCache cache = cacheWith(1, 0, 2, 10, 3, 20);

        cache.assign(2, 15);

        assertThat(cache.entries()).containsExactly(new EpochEntry(1, 0), new EpochEntry(2, 15));
        assertThat(LeaderEpochCache.load(dir).entries()).isEqualTo(cache.entries());
    }

    @Test
    void aNewerEpochStartingBelowKnownStartsRemovesThoseEntries() throws IOException {
        LeaderEpochCache cache = cacheWith(1, 0, 2, 10, 3, 20);

        cache.assign(4, 12);

        assertThat(cache.entries()).containsExactly(new EpochEntry(1, 0), new EpochEntry(2, 10),
                new EpochEntry(4, 12));
    }

    @Test
    void theLatestEpochEndsAtTheLogEnd() throws IOException {
        LeaderEpochCache cache = cacheWith(1, 0, 3, 20);

        assertThat(cache.endOffsetFor(3, 57)).isEqualTo(new EpochEndOffset(3, 57));
    }

    @Test
    void anEarlierEpochEndsWhereTheNextOneStarts() throws IOException {
        LeaderEpochCache cache = cacheWith(1, 0, 3, 20, 5, 40);

        assertThat(cache.endOffsetFor(1, 57)).isEqualTo(new EpochEndOffset(1, 20));
        assertThat(cache.endOffsetFor(3, 57)).isEqualTo(new EpochEndOffset(3, 40));
    }

    @Test
    void anUnknownEpochBetweenTwoKnownOnesIsAnsweredWithTheLargestEpochBelowIt() throws IOException {
        LeaderEpochCache cache = cacheWith(1, 0, 3, 20);

        assertThat(cache.endOffsetFor(2, 57)).isEqualTo(new EpochEndOffset(1, 20));
    }

    @Test
    void anEpochBelowEveryKnownOneEndsWhereTheFirstKnownStarts() throws IOException {
        LeaderEpochCache cache = cacheWith(4, 30, 6, 50);

        assertThat(cache.endOffsetFor(2, 57)).isEqualTo(new EpochEndOffset(2, 30));
    }

    @Test
    void anEpochAboveTheLatestOrNegativeIsUndefined() throws IOException {
        LeaderEpochCache cache = cacheWith(1, 0, 3, 20);

        assertThat(cache.endOffsetFor(4, 57)).isEqualTo(EpochEndOffset.UNDEFINED);
        assertThat(cache.endOffsetFor(-1, 57)).isEqualTo(EpochEndOffset.UNDEFINED);
    }

    @Test
    void truncatingFromTheEndForgetsEpochsStartingAtOrAfterTheNewEnd() throws IOException {
        LeaderEpochCache cache = cacheWith(1, 0, 2, 10, 3, 20);

        cache.truncateFromEnd(10);

        assertThat(cache.entries()).containsExactly(new EpochEntry(1, 0));
        assertThat(LeaderEpochCache.load(dir).entries()).containsExactly(new EpochEntry(1, 0));
    }

    @Test
    void truncatingFromTheStartMovesTheSpanningEpochToTheNewStart() throws IOException {
        LeaderEpochCache cache = cacheWith(1, 0, 2, 10, 3, 20);

        cache.truncateFromStart(15);

        assertThat(cache.entries()).containsExactly(new EpochEntry(2, 15), new EpochEntry(3, 20));
        assertThat(LeaderEpochCache.load(dir).entries()).isEqualTo(cache.entries());
    }

    @Test
    void truncatingFromTheStartBelowTheFirstEpochChangesNothing() throws IOException {
        LeaderEpochCache cache = cacheWith(2, 10, 3, 20);

        cache.truncateFromStart(5);

        assertThat(cache.entries()).containsExactly(new EpochEntry(2, 10), new EpochEntry(3, 20));
    }

    @Test
    void clearEmptiesTheCacheAndItsFile() throws IOException {
        LeaderEpochCache cache = cacheWith(1, 0, 2, 10);

        cache.clear();

        assertThat(cache.entries()).isEmpty();
        assertThat(LeaderEpochCache.load(dir).entries()).isEmpty();
    }

    @Test
    void aLineWithoutExactlyTwoFieldsFailsTheLoadNamingTheFile() throws IOException {
        Files.writeString(dir.resolve("leader-epoch-checkpoint"), "0\n1\n3 20 7\n");

        assertThatThrownBy(() -> LeaderEpochCache.load(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("leader-epoch-checkpoint");
    }
}
