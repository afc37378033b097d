package io.tributary.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class GroupOffsetsTest extends GroupCoordinatorTestBase {

    private static final String GROUP = "billing";

    @Test
    void committedOffsetsAreFetchedInEveryRequestShape() {
        GroupClient tool = client("tool");
        assertThat(commitError(tool.commit(9, GROUP, -1, "", "t", 0, 42))).as("simple commit creates the group").isZero();
        assertThat(commitError(tool.commit(2, GROUP, -1, "", "u", 3, 7))).isZero();

        assertThat(tool.fetchOffset(GROUP, "t", 0)).isEqualTo(42);
        assertThat(tool.fetchOffset(GROUP, "t", 1)).as("never committed").isEqualTo(-1);

        Struct v1 = tool.send(ApiKey.OFFSET_FETCH, 1, r -> r.set("group_id", GROUP)
                .addChild("topics").set("name", "t").set("partition_indexes", List.of(0, 1))).response();
        List<Struct> partitions = v1.getStructs("topics").get(0).getStructs("partitions");
        assertThat(partitions).extracting(p -> p.getLong("committed_offset")).containsExactly(42L, -1L);
        assertThat(partitions.get(0).getString("metadata")).isEqualTo("m42");

        Struct all = tool.send(ApiKey.OFFSET_FETCH, 7, r -> r.set("group_id", GROUP).set("topics", null)).response();
        assertThat(all.getShort("error_code")).isZero();
        assertThat(all.getStructs("topics")).extracting(t -> t.getString("name")).containsExactly("t", "u");
        assertThat(all.getStructs("topics").get(0).getStructs("partitions").get(0).getInt("committed_leader_epoch")).isEqualTo(7);

        Struct unknownGroup = tool.send(ApiKey.OFFSET_FETCH, 9, r -> r.addChild("groups").set("group_id", "nobody")
                .set("topics", null)).response().getStructs("groups").get(0);
        assertThat(unknownGroup.getShort("error_code")).isZero();
        assertThat(unknownGroup.getStructs("topics")).isEmpty();
    }

    @Test
    void commitsFromGroupMembersNeedTheCurrentGenerationAndMembership() {
        GroupClient a = client("a");
        GroupClient b = client("b");
        String[] ids = formStableGroup(GROUP, a, b);
        assertThat(commitError(a.commit(9, GROUP, 1, ids[0], "t", 0, 10))).isZero();
        assertThat(commitError(a.commit(9, GROUP, 2, ids[0], "t", 0, 11))).isEqualTo(Errors.ILLEGAL_GENERATION.code());
        assertThat(commitError(a.commit(9, GROUP, 1, "stranger", "t", 0, 12))).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(commitError(a.commit(9, GROUP, -1, "", "t", 0, 13))).as("simple commits need an Empty group")
                .isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(commitError(a.commit(8, "no-such-group", 3, "m", "t", 0, 1))).isEqualTo(Errors.ILLEGAL_GENERATION.code());
        assertThat(commitError(a.commit(9, "no-such-group", 3, "m", "t", 0, 1))).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
        assertThat(a.fetchOffset(GROUP, "t", 0)).isEqualTo(10);

        CapturingResponder tooLarge = a.send(ApiKey.OFFSET_COMMIT, 9, r -> {
            r.set("group_id", GROUP).set("generation_id_or_member_epoch", 1).set("member_id", ids[0]);
            Struct topic = r.addChild("topics").set("name", "t");
            topic.addChild("partitions").set("partition_index", 1).set("committed_offset", 5L).set("committed_metadata", "x".repeat(4097));
            topic.addChild("partitions").set("partition_index", 2).set("committed_offset", 6L).set("committed_metadata", null);
        });
        assertThat(tooLarge.response().getStructs("topics").get(0).getStructs("partitions"))
                .extracting(p -> p.getShort("error_code")).containsExactly(Errors.OFFSET_METADATA_TOO_LARGE.code(), Errors.NONE.code());
        assertThat(a.fetchOffset(GROUP, "t", 2)).isEqualTo(6);

        a.join(9, GROUP, ids[0], SESSION_MS, REBALANCE_MS, null, List.of("range"), GroupClient.subscription("t"));
        assertThat(commitError(b.commit(9, GROUP, 1, ids[1], "t", 0, 20)))
                .as("the previous generation may still commit while the group prepares a rebalance").isZero();
    }

    @Test
    void commitIsAnsweredOnlyOnceTheOffsetsLogHasIt() {
        GroupClient tool = client("tool");
        offsetsTopic.hold();
        CapturingResponder commit = tool.commit(9, GROUP, -1, "", "t", 0, 99);
        assertThat(commit.isDone()).isFalse();
        assertThat(tool.fetchOffset(GROUP, "t", 0)).isEqualTo(-1);
        offsetsTopic.release();
        assertThat(commitError(commit)).isZero();
        assertThat(tool.fetchOffset(GROUP, "t", 0)).isEqualTo(99);

        offsetsTopic.failAppends(new IllegalStateException("not enough replicas"));
        assertThat(commitError(tool.commit(9, GROUP, -1, "", "t", 0, 100))).isEqualTo(Errors.COORDINATOR_NOT_AVAILABLE.code());
        assertThat(tool.fetchOffset(GROUP, "t", 0)).isEqualTo(99);
    }

    @Test
    void restartedCoordinatorRebuildsOffsetsAndGroupsFromTheOffsetsLog() {
        GroupClient a = client("a");
        GroupClient b = client("b");
        String[] ids = formStableGroup(GROUP, a, b);
        a.commit(9, GROUP, 1, ids[0], "t", 0, 100);
        a.commit(9, GROUP, 1, ids[0], "t", 0, 150);
        b.commit(9, GROUP, 1, ids[1], "t", 1, 200);
        client("tool").commit(9, "other", -1, "", "u", 0, 5);
        client("tool").commit(9, "other", -1, "", "gone", 0, 6);
        assertThat(client("tool").send(ApiKey.OFFSET_DELETE, 0, r -> r.set("group_id", "other")
                .addChild("topics").set("name", "gone").addChild("partitions").set("partition_index", 0)).errorCode()).isZero();

        int partition = coordinator.partitionFor(GROUP);
        coordinator = new GroupCoordinator(GroupCoordinatorConfig.from(Map.of("offsets.topic.num.partitions", String.valueOf(PARTITIONS))),
                offsetsTopic, scheduler, time);
        for (int p = 0; p < PARTITIONS; p++) {
            coordinator.onBecameLeader(p);
        }
        GroupClient restarted = client("restarted");
        Struct loading = restarted.send(ApiKey.OFFSET_FETCH, 9, r -> r.addChild("groups").set("group_id", GROUP).set("topics", null))
                .response().getStructs("groups").get(0);
        assertThat(loading.getShort("error_code")).isEqualTo(Errors.COORDINATOR_LOAD_IN_PROGRESS.code());
        assertThat(coordinator.isLoaded(partition)).isFalse();
        scheduler.runDue();

        assertThat(restarted.fetchOffset(GROUP, "t", 0)).isEqualTo(150);
        assertThat(restarted.fetchOffset(GROUP, "t", 1)).isEqualTo(200);
        assertThat(restarted.fetchOffset("other", "u", 0)).isEqualTo(5);
        assertThat(restarted.fetchOffset("other", "gone", 0)).as("the tombstone wins").isEqualTo(-1);

        Struct described = describe(5, GROUP);
        assertThat(described.getString("group_state")).isEqualTo("Stable");
        assertThat(described.getStructs("members")).extracting(m -> GroupClient.text(m.getBytes("member_assignment")))
                .containsExactly("pa", "pb");
        assertThat(restarted.heartbeat(GROUP, 1, ids[0]).errorCode()).as("members carry on with their generation").isZero();
        assertThat(commitError(restarted.commit(9, GROUP, 1, ids[1], "t", 1, 201))).isZero();

        for (int i = 0; i < 3; i++) {
            scheduler.advance(3_000);
            assertThat(restarted.heartbeat(GROUP, 1, ids[0]).errorCode()).isZero();
        }
        scheduler.advance(3_000);
        assertThat(restarted.heartbeat(GROUP, 1, ids[0]).errorCode()).as("b went silent after the restart and was evicted")
                .isEqualTo(Errors.REBALANCE_IN_PROGRESS.code());
    }

    @Test
    void offsetDeleteRefusesTopicsTheGroupIsSubscribedTo() {
        GroupClient a = client("a");
        String[] ids = formStableGroup(GROUP, a, client("b"));
        a.commit(9, GROUP, 1, ids[0], "t", 0, 1);
        a.commit(9, GROUP, 1, ids[0], "old", 0, 2);
        CapturingResponder delete = a.send(ApiKey.OFFSET_DELETE, 0, r -> {
            r.set("group_id", GROUP);
            r.addChild("topics").set("name", "t").addChild("partitions").set("partition_index", 0);
            r.addChild("topics").set("name", "old").addChild("partitions").set("partition_index", 0);
        });
        assertThat(delete.errorCode()).isZero();
        assertThat(delete.response().getStructs("topics")).extracting(t -> t.getStructs("partitions").get(0).getShort("error_code"))
                .containsExactly(Errors.GROUP_SUBSCRIBED_TO_TOPIC.code(), Errors.NONE.code());
        assertThat(a.fetchOffset(GROUP, "t", 0)).isEqualTo(1);
        assertThat(a.fetchOffset(GROUP, "old", 0)).isEqualTo(-1);
        assertThat(a.send(ApiKey.OFFSET_DELETE, 0, r -> r.set("group_id", "missing")).errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
    }

    @Test
    void offsetsOfAnEmptyGroupExpireAfterTheRetentionTime() {
        coordinator = newCoordinator(Map.of("offsets.retention.minutes", "1", "offsets.retention.check.interval.ms", "1000"));
        coordinator.startup();
        GroupClient tool = client("tool");
        tool.commit(9, GROUP, -1, "", "t", 0, 3);
        String[] ids = formStableGroup("busy", client("a"), client("b"));
        client("a").commit(9, "busy", 1, ids[0], "t", 0, 4);
        for (int i = 0; i < 20; i++) {
            scheduler.advance(3_000);
            client("a").heartbeat("busy", 1, ids[0]);
            client("b").heartbeat("busy", 1, ids[1]);
        }
        assertThat(tool.fetchOffset(GROUP, "t", 0)).isEqualTo(-1);
        assertThat(tool.fetchOffset("busy", "t", 0)).as("groups with members keep their offsets").isEqualTo(4);
        Struct list = tool.send(ApiKey.LIST_GROUPS, 3, r -> { }).response();
        assertThat(list.getStructs("groups")).extracting(g -> g.getString("group_id")).containsExactly("busy");
        coordinator.shutdown();
    }

    private static short commitError(CapturingResponder commit) {
        return commit.response().getStructs("topics").get(0).getStructs("partitions").get(0).getShort("error_code");
    }
}
