package io.tributary.broker.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.metrics.BrokerMetrics;
import io.tributary.common.MockTime;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.compress.CompressionType;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.storage.LogDirFailureHandler;
import io.tributary.storage.LogOpenOptions;
import io.tributary.storage.UnifiedLog;
import io.tributary.storage.config.LogConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follower's high watermark only moves forward. Found by the replication simulation (seed 2): after a
 * failover the new leader's high watermark lags the old leader's until its followers fetch, and a
 * follower that copied it moved its own back.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FollowerHighWatermarkTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final int LOCAL = 1;
    private static final int LEADER = 2;

    @TempDir
    Path logDir;

    private final MockTime time = new MockTime();
    private UnifiedLog log;

    @AfterEach
    void tearDown() {
        if (log != null) {
            log.close();
        }
    }

    private ByteBuffer batchAt(long baseOffset, int count) {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE).baseOffset(baseOffset).partitionLeaderEpoch(1);
        for (int i = 0; i < count; i++) {
            builder.append(time.milliseconds(), null, ("r" + i).getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    @Test
    void aFollowerKeepsItsHighWatermarkWhenTheNewLeaderReportsALowerOne() throws IOException {
        log = UnifiedLog.open(logDir.resolve(TP.directoryName()), TP, LogConfig.fromMap(Map.of()), time,
                LogOpenOptions.CLEAN, null, LogDirFailureHandler.NONE);
        Partition partition = new Partition(TP, log, LOCAL, time, new BrokerMetrics(false).topicStats().topic(TP.topic()));
        partition.makeFollower(LEADER, 1, List.of(LEADER, LOCAL), List.of(LEADER, LOCAL));
        assertThat(partition.appendAsFollowerOf(LEADER, 1, batchAt(0, 10), 10)).isTrue();
        assertThat(partition.highWatermark()).isEqualTo(10);

        partition.makeFollower(LEADER, 2, List.of(LEADER, LOCAL), List.of(LEADER, LOCAL));
        assertThat(partition.appendAsFollowerOf(LEADER, 2, ByteBuffer.allocate(0), 9)).isTrue();

        assertThat(partition.highWatermark()).as("a lagging leader high watermark must not move ours back").isEqualTo(10);
        assertThat(partition.appendAsFollowerOf(LEADER, 2, batchAt(10, 2), 12)).isTrue();
        assertThat(partition.highWatermark()).isEqualTo(12);
    }
}
