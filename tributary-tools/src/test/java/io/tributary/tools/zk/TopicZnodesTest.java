package io.tributary.tools.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TopicZnodesTest {

    @Test
    void writesKafkaTwoAssignmentJson() {
        String json = TopicZnodes.assignmentJson(Map.of(1, List.of(2, 0), 0, List.of(0, 1)));
        assertThat(json).isEqualTo("{\"version\":2,\"partitions\":{\"0\":[0,1],\"1\":[2,0]},"
                + "\"adding_replicas\":{},\"removing_replicas\":{}}");
        assertThat(TopicZnodes.parseAssignment(json)).containsExactly(
                Map.entry(0, List.of(0, 1)), Map.entry(1, List.of(2, 0)));
    }

    @Test
    void addingPartitionsKeepsOtherFieldsSuchAsTopicId() {
        String v3 = "{\"version\":3,\"topic_id\":\"abc\",\"partitions\":{\"0\":[1]},\"adding_replicas\":{}}";
        String updated = TopicZnodes.withAssignment(v3, Map.of(0, List.of(1), 1, List.of(2)));
        assertThat(Json.parseObject(updated)).containsEntry("topic_id", "abc").containsEntry("version", 3L);
        assertThat(TopicZnodes.parseAssignment(updated)).containsKeys(0, 1);
    }

    @Test
    void readsPartitionStateAndConfig() {
        var state = TopicZnodes.parseState(Optional.of(
                "{\"controller_epoch\":1,\"leader\":2,\"version\":1,\"leader_epoch\":0,\"isr\":[2,0]}"));
        assertThat(state.leader()).isEqualTo(2);
        assertThat(state.isr()).containsExactly(2, 0);
        assertThat(TopicZnodes.parseState(Optional.empty()).leader()).isEqualTo(-1);
        String config = TopicZnodes.configJson(Map.of("retention.ms", "1000"));
        assertThat(config).isEqualTo("{\"version\":1,\"config\":{\"retention.ms\":\"1000\"}}");
        assertThat(TopicZnodes.parseConfig(config)).containsExactly(Map.entry("retention.ms", "1000"));
    }

    @Test
    void jsonRoundTripsEscapesAndNesting() {
        Object parsed = Json.parse(" {\"a\" : [1, -2, 3.5, true, null, \"x\\\"y\\n\\u0041\"], \"b\": {}} ");
        assertThat(Json.write(parsed)).isEqualTo("{\"a\":[1,-2,3.5,true,null,\"x\\\"y\\nA\"],\"b\":{}}");
    }
}
