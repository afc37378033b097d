package io.tributary.broker.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.SECONDS)
class GroupCoordinatorConfigTest {

    @Test
    void defaultsAreKafkas() {
        GroupCoordinatorConfig config = GroupCoordinatorConfig.defaults();
        assertThat(config.offsetsTopicPartitions()).isEqualTo(50);
        assertThat(config.offsetsTopicReplicationFactor()).isEqualTo((short) 3);
        assertThat(config.initialRebalanceDelayMs()).isEqualTo(3000);
        assertThat(config.minSessionTimeoutMs()).isEqualTo(6000);
        assertThat(config.maxSessionTimeoutMs()).isEqualTo(1_800_000);
        assertThat(config.offsetsRetentionMs()).isEqualTo(7L * 24 * 60 * 60 * 1000);
        assertThat(config.offsetMetadataMaxBytes()).isEqualTo(4096);
        assertThat(config.maxGroupSize()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void readsOverridesAndIgnoresOtherKeys() {
        GroupCoordinatorConfig config = GroupCoordinatorConfig.from(Map.of(
                "offsets.topic.num.partitions", "1", "offsets.topic.replication.factor", "1",
                "group.initial.rebalance.delay.ms", "0", "offsets.retention.minutes", "2", "log.dirs", "/tmp/x"));
        assertThat(config.offsetsTopicPartitions()).isEqualTo(1);
        assertThat(config.offsetsTopicReplicationFactor()).isEqualTo((short) 1);
        assertThat(config.initialRebalanceDelayMs()).isZero();
        assertThat(config.offsetsRetentionMs()).isEqualTo(120_000);
    }

    @Test
    void offsetsTopicSegmentBytesDefaultsToKafkasAndRefusesLessThanARecordBatchHeader() {
        assertThat(GroupCoordinatorConfig.defaults().offsetsTopicSegmentBytes()).isEqualTo(104_857_600);
        assertThat(GroupCoordinatorConfig.from(Map.of("offsets.topic.segment.bytes", "1048576"))
                .offsetsTopicSegmentBytes()).isEqualTo(1_048_576);
        assertThatThrownBy(() -> GroupCoordinatorConfig.from(Map.of("offsets.topic.segment.bytes", "13")))
                .hasMessageContaining("offsets.topic.segment.bytes").hasMessageContaining("at least 14");
    }

    @Test
    void badValuesFailNamingTheKey() {
        assertThatThrownBy(() -> GroupCoordinatorConfig.from(Map.of("group.min.session.timeout.ms", "soon")))
                .hasMessageContaining("group.min.session.timeout.ms").hasMessageContaining("soon");
        assertThatThrownBy(() -> GroupCoordinatorConfig.from(Map.of("offsets.topic.num.partitions", "0")))
                .hasMessageContaining("offsets.topic.num.partitions").hasMessageContaining("at least 1");
        assertThatThrownBy(() -> GroupCoordinatorConfig.from(Map.of("group.max.session.timeout.ms", "5000")))
                .hasMessageContaining("group.max.session.timeout.ms");
        assertThatThrownBy(() -> GroupCoordinatorConfig.from(Map.of("offset.metadata.max.bytes", "99999999999")))
                .hasMessageContaining("offset.metadata.max.bytes");
    }

    @Test
    void groupsMapToOffsetsPartitionsAsKafkaDoes() {
        assertThat(OffsetsTopic.partitionFor("my-group", 50)).isEqualTo(Math.abs("my-group".hashCode()) % 50);
        String minHash = "polygenelubricants"; // String.hashCode() == Integer.MIN_VALUE
        assertThat(minHash.hashCode()).isEqualTo(Integer.MIN_VALUE);
        assertThat(OffsetsTopic.partitionFor(minHash, 50)).isZero();
    }
}
