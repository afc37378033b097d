package io.tributary.broker.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.metrics.BrokerMetrics;
import io.tributary.common.MockTime;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.compress.CompressionType;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.storage.LogAppendInfo;
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

/** With flush.messages=1 a leader append is on disk when it returns, though the fsync ran outside the locks. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PartitionFlushTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final int LOCAL = 1;

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

    private Partition leader(Map<String, String> config) throws IOException {
        log = UnifiedLog.open(logDir.resolve(TP.directoryName()), TP, LogConfig.fromMap(config), time,
                LogOpenOptions.afterCrash(0), null, LogDirFailureHandler.NONE);
        Partition partition = new Partition(TP, log, LOCAL, time, new BrokerMetrics(false).topicStats().topic(TP.topic()));
        partition.makeLeader(3, List.of(LOCAL), List.of(LOCAL));
        return partition;
    }

    private ByteBuffer records(int count) {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE);
        for (int i = 0; i < count; i++) {
            builder.append(time.milliseconds(), null, ("r" + i).getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    @Test
    void aLeaderAppendIsDurableAndCommittedWhenItReturns() throws IOException {
        Partition partition = leader(Map.of("flush.messages", "1"));

        LogAppendInfo first = partition.appendAsLeader(records(3), -1, 1);
        LogAppendInfo second = partition.appendAsLeader(records(2), -1, 1);

        assertThat(second.lastOffset()).isEqualTo(first.lastOffset() + 2);
        assertThat(log.recoveryPoint()).as("fsynced before returning").isEqualTo(5);
        assertThat(partition.highWatermark()).isEqualTo(5);
    }

    @Test
    void withoutFrequentFlushesALeaderAppendStillCommitsAtOnce() throws IOException {
        Partition partition = leader(Map.of());

        partition.appendAsLeader(records(4), 1, 1);

        assertThat(partition.highWatermark()).isEqualTo(4);
        assertThat(log.recoveryPoint()).as("no fsync asked for").isZero();
    }
}
