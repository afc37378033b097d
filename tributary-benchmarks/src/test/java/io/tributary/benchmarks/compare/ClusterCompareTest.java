package io.tributary.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ClusterCompareTest {

    @Test
    void quickModeRunsOneRoundOfFewerRecordsAndFullModeTwoRoundsOfAMillion() {
        ClusterOptions quick = ClusterOptions.parse(new String[] {"--cluster", "3", "--quick"});
        ClusterOptions full = ClusterOptions.parse(new String[] {"--cluster", "3", "--rounds", "4"});
        assertThat(quick.rounds()).isEqualTo(1);
        assertThat(quick.records()).isEqualTo(200_000);
        assertThat(full.rounds()).isEqualTo(4);
        assertThat(full.records()).isEqualTo(1_000_000);
        assertThat(full.systems()).containsExactly(Report.KAFKA, Report.TRIBUTARY);
    }

    @Test
    void clusterSmallerThanTheReplicationFactorIsRejected() {
        assertThatThrownBy(() -> ClusterOptions.parse(new String[] {"--cluster", "2"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 3");
        assertThatThrownBy(() -> ClusterOptions.parse(new String[] {"--quick"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyKafkaNodeListsTheWholeQuorumAndItsOwnControllerPort() {
        String voters = KafkaCluster.voters(List.of(9001, 9002, 9003));
        assertThat(voters).isEqualTo("0@127.0.0.1:9001,1@127.0.0.1:9002,2@127.0.0.1:9003");
        String props = KafkaCluster.serverProperties(new BrokerSpec(Path.of("/tmp/b1"), 9102, "-Xmx1g"), 1, 9002,
                voters);
        assertThat(props).contains("node.id=1", "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://127.0.0.1:9102,CONTROLLER://127.0.0.1:9002", "default.replication.factor=3",
                "min.insync.replicas=2", "offsets.topic.replication.factor=3");
    }

    @Test
    void reportShowsMediansAndTheRatioOfEachMetric() {
        ClusterReport.Round k1 = new ClusterReport.Round(Report.KAFKA, 1);
        ClusterReport.Round k2 = new ClusterReport.Round(Report.KAFKA, 2);
        ClusterReport.Round t1 = new ClusterReport.Round(Report.TRIBUTARY, 1);
        k1.put(ClusterMetric.BROKER_CPU_S_PER_GIB, 100);
        k2.put(ClusterMetric.BROKER_CPU_S_PER_GIB, 300);
        t1.put(ClusterMetric.BROKER_CPU_S_PER_GIB, 100);
        t1.note("consume: ConsumerPerformance timed out");
        String table = new ClusterReport(List.of(k1, t1, k2)).markdown();
        assertThat(table).contains("| CPU of all brokers per GiB produced+consumed | s | 200 | 100 | 0.50× | lower |");
        assertThat(table).contains("- tributary round 1: consume: ConsumerPerformance timed out");
    }
}
