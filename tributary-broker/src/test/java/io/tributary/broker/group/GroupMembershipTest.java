package io.tributary.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class GroupMembershipTest extends GroupCoordinatorTestBase {

    private static final String GROUP = "orders-readers";

    @Test
    void twoMembersJoinSyncAndHeartbeatIntoAStableGroup() {
        GroupClient a = client("client-a");
        GroupClient b = client("client-b");
        byte[] subscription = GroupClient.subscription("orders");

        String idA = memberIdFor(a, GROUP, List.of("range", "roundrobin"), subscription);
        assertThat(idA).startsWith("client-a-");
        CapturingResponder joinA = a.join(9, GROUP, idA, SESSION_MS, REBALANCE_MS, null, List.of("range", "roundrobin"), subscription);
        String idB = memberIdFor(b, GROUP, List.of("roundrobin"), subscription);
        CapturingResponder joinB = b.join(9, GROUP, idB, SESSION_MS, REBALANCE_MS, null, List.of("roundrobin"), subscription);

        scheduler.advance(3_000);
        assertThat(joinA.isDone()).as("a new group waits group.initial.rebalance.delay.ms, again while members arrive").isFalse();
        scheduler.advance(2_999);
        assertThat(joinA.isDone()).isFalse();
        scheduler.advance(1);

        Struct leader = joinA.response();
        assertThat(leader.getShort("error_code")).isZero();
        assertThat(leader.getInt("generation_id")).isEqualTo(1);
        assertThat(leader.getString("protocol_name")).as("the only protocol both support").isEqualTo("roundrobin");
        assertThat(leader.getString("leader")).isEqualTo(idA);
        assertThat(leader.getStructs("members")).extracting(m -> m.getString("member_id")).containsExactly(idA, idB);
        assertThat(GroupClient.text(leader.getStructs("members").get(1).getBytes("metadata")))
                .isEqualTo(GroupClient.text(java.nio.ByteBuffer.wrap(subscription)));
        Struct follower = joinB.response();
        assertThat(follower.getString("leader")).isEqualTo(idA);
        assertThat(follower.getString("member_id")).isEqualTo(idB);
        assertThat(follower.getStructs("members")).as("followers get no member list").isEmpty();
        assertThat(describe(5, GROUP).getString("group_state")).isEqualTo("CompletingRebalance");

        CapturingResponder syncB = b.sync(5, GROUP, 1, idB, List.of());
        assertThat(syncB.isDone()).as("a follower waits for the leader's assignment").isFalse();
        CapturingResponder syncA = a.sync(5, GROUP, 1, idA, List.of(new String[] {idA, "p0"}, new String[] {idB, "p1"}));
        assertThat(GroupClient.text(syncA.response().getBytes("assignment"))).isEqualTo("p0");
        assertThat(GroupClient.text(syncB.response().getBytes("assignment"))).isEqualTo("p1");
        assertThat(syncB.response().getString("protocol_name")).isEqualTo("roundrobin");

        assertThat(a.heartbeat(GROUP, 1, idA).errorCode()).isZero();
        assertThat(b.heartbeat(GROUP, 1, idB).errorCode()).isZero();
        assertThat(b.heartbeat(GROUP, 0, idB).errorCode()).isEqualTo(Errors.ILLEGAL_GENERATION.code());
        assertThat(b.heartbeat(GROUP, 1, "stranger").errorCode()).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(describe(5, GROUP).getString("group_state")).isEqualTo("Stable");
    }

    @Test
    void memberIdIsRequiredFromJoinGroupV4ButOlderClientsJoinDirectly() {
        GroupClient modern = client("modern");
        CapturingResponder v4 = modern.join(4, GROUP, "", SESSION_MS, REBALANCE_MS, null, List.of("range"), new byte[0]);
        assertThat(v4.errorCode()).isEqualTo(Errors.MEMBER_ID_REQUIRED.code());
        assertThat(v4.response().getString("member_id")).startsWith("modern-");

        GroupClient old = client("old");
        CapturingResponder v2 = old.join(2, "legacy-group", "", SESSION_MS, REBALANCE_MS, null, List.of("range"), new byte[0]);
        assertThat(v2.isDone()).isFalse();
        scheduler.advance(3_000);
        assertThat(v2.errorCode()).isZero();
        assertThat(v2.response().getString("member_id")).startsWith("old-");
        assertThat(v2.response().getString("leader")).isEqualTo(v2.response().getString("member_id"));
    }

    @Test
    void pendingMemberThatNeverRejoinsIsForgotten() {
        GroupClient a = client("a");
        String id = memberIdFor(a, GROUP, List.of("range"), new byte[0]);
        scheduler.advance(SESSION_MS + 1);
        CapturingResponder late = a.join(9, GROUP, id, SESSION_MS, REBALANCE_MS, null, List.of("range"), new byte[0]);
        assertThat(late.errorCode()).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
    }

    @Test
    void joinRejectsBadSessionTimeoutsAndInconsistentProtocols() {
        GroupClient a = client("a");
        assertThat(a.join(9, GROUP, "", 1_000, REBALANCE_MS, null, List.of("range"), new byte[0]).errorCode())
                .isEqualTo(Errors.INVALID_SESSION_TIMEOUT.code());
        assertThat(a.join(9, "", "", SESSION_MS, REBALANCE_MS, null, List.of("range"), new byte[0]).errorCode())
                .isEqualTo(Errors.INVALID_GROUP_ID.code());
        String idA = memberIdFor(a, GROUP, List.of("range"), new byte[0]);
        a.join(9, GROUP, idA, SESSION_MS, REBALANCE_MS, null, List.of("range"), new byte[0]);
        assertThat(client("b").join(9, GROUP, "", SESSION_MS, REBALANCE_MS, null, List.of("roundrobin"), new byte[0]).errorCode())
                .isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL.code());
    }

    @Test
    void sessionTimeoutEvictsASilentMemberAndTheRestRebalances() {
        GroupClient a = client("a");
        GroupClient b = client("b");
        String[] ids = formStableGroup(GROUP, a, b);
        for (int i = 0; i < 3; i++) {
            scheduler.advance(3_000);
            assertThat(b.heartbeat(GROUP, 1, ids[1]).errorCode()).isZero();
        }
        scheduler.advance(SESSION_MS - 9_000 + 1);
        assertThat(b.heartbeat(GROUP, 1, ids[1]).errorCode()).as("a's session expired").isEqualTo(Errors.REBALANCE_IN_PROGRESS.code());

        CapturingResponder rejoin = b.join(9, GROUP, ids[1], SESSION_MS, REBALANCE_MS, null, List.of("range"), GroupClient.subscription("t"));
        Struct response = rejoin.response();
        assertThat(response.getInt("generation_id")).isEqualTo(2);
        assertThat(response.getString("leader")).isEqualTo(ids[1]);
        assertThat(response.getStructs("members")).extracting(m -> m.getString("member_id")).containsExactly(ids[1]);
        assertThat(a.heartbeat(GROUP, 1, ids[0]).errorCode()).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
    }

    @Test
    void rebalanceTimeoutRemovesMembersThatDoNotRejoin() {
        GroupClient a = client("a");
        GroupClient b = client("b");
        GroupClient c = client("c");
        String[] ids = formStableGroup(GROUP, a, b);
        byte[] subscription = GroupClient.subscription("t");

        String idC = memberIdFor(c, GROUP, List.of("range"), subscription);
        CapturingResponder joinC = c.join(9, GROUP, idC, SESSION_MS, REBALANCE_MS, null, List.of("range"), subscription);
        assertThat(a.heartbeat(GROUP, 1, ids[0]).errorCode()).isEqualTo(Errors.REBALANCE_IN_PROGRESS.code());
        CapturingResponder joinA = a.join(9, GROUP, ids[0], SESSION_MS, REBALANCE_MS, null, List.of("range"), subscription);
        for (int i = 0; i < 6; i++) {
            scheduler.advance(3_000);
            assertThat(b.heartbeat(GROUP, 1, ids[1]).errorCode()).as("b stays alive but never rejoins")
                    .isEqualTo(Errors.REBALANCE_IN_PROGRESS.code());
        }
        assertThat(joinA.isDone()).isFalse();
        scheduler.advance(REBALANCE_MS - 18_000);

        Struct leader = joinA.response();
        assertThat(leader.getInt("generation_id")).isEqualTo(2);
        assertThat(leader.getString("leader")).isEqualTo(ids[0]);
        assertThat(leader.getStructs("members")).extracting(m -> m.getString("member_id")).containsExactly(ids[0], idC);
        assertThat(joinC.response().getInt("generation_id")).isEqualTo(2);
        assertThat(b.heartbeat(GROUP, 1, ids[1]).errorCode()).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
    }

    @Test
    void syncGroupChecksGenerationAndState() {
        GroupClient a = client("a");
        GroupClient b = client("b");
        String[] ids = formStableGroup(GROUP, a, b);
        assertThat(b.sync(5, GROUP, 7, ids[1], List.of()).errorCode()).isEqualTo(Errors.ILLEGAL_GENERATION.code());
        assertThat(b.sync(5, GROUP, 1, "nobody", List.of()).errorCode()).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(GroupClient.text(b.sync(3, GROUP, 1, ids[1], List.of()).response().getBytes("assignment")))
                .as("a stable group hands out the stored assignment again").isEqualTo("pb");
        a.join(9, GROUP, ids[0], SESSION_MS, REBALANCE_MS, null, List.of("range"), GroupClient.subscription("t"));
        assertThat(b.sync(5, GROUP, 1, ids[1], List.of()).errorCode()).isEqualTo(Errors.REBALANCE_IN_PROGRESS.code());
    }

    @Test
    void leavingMembersTriggerARebalanceAndBatchLeavesAnswerPerMember() {
        GroupClient a = client("a");
        GroupClient b = client("b");
        String[] ids = formStableGroup(GROUP, a, b);
        CapturingResponder leave = b.send(ApiKey.LEAVE_GROUP, 1, r -> r.set("group_id", GROUP).set("member_id", ids[1]));
        assertThat(leave.errorCode()).isZero();
        assertThat(a.heartbeat(GROUP, 1, ids[0]).errorCode()).isEqualTo(Errors.REBALANCE_IN_PROGRESS.code());
        CapturingResponder rejoin = a.join(9, GROUP, ids[0], SESSION_MS, REBALANCE_MS, null, List.of("range"), GroupClient.subscription("t"));
        assertThat(rejoin.response().getInt("generation_id")).isEqualTo(2);

        CapturingResponder batch = a.send(ApiKey.LEAVE_GROUP, 5, r -> {
            r.set("group_id", GROUP);
            r.addChild("members").set("member_id", ids[0]).set("reason", "shutting down");
            r.addChild("members").set("member_id", "nobody");
        });
        assertThat(batch.errorCode()).isZero();
        assertThat(batch.response().getStructs("members")).extracting(m -> m.getShort("error_code"))
                .containsExactly(Errors.NONE.code(), Errors.UNKNOWN_MEMBER_ID.code());
        Struct described = describe(5, GROUP);
        assertThat(described.getString("group_state")).isEqualTo("Empty");
        assertThat(described.getStructs("members")).isEmpty();
    }

    @Test
    void staticMemberRestartingKeepsItsAssignmentWithoutRebalance() {
        GroupClient leaderClient = client("dynamic");
        GroupClient staticClient = client("static");
        byte[] subscription = GroupClient.subscription("t");
        String leaderId = memberIdFor(leaderClient, GROUP, List.of("range"), subscription);
        CapturingResponder joinLeader = leaderClient.join(9, GROUP, leaderId, SESSION_MS, REBALANCE_MS, null, List.of("range"), subscription);
        CapturingResponder joinStatic = staticClient.join(9, GROUP, "", SESSION_MS, REBALANCE_MS, "instance-1", List.of("range"), subscription);
        scheduler.advance(6_000);
        String staticId = joinStatic.response().getString("member_id");
        assertThat(staticId).as("static members skip MEMBER_ID_REQUIRED").startsWith("instance-1-");
        assertThat(joinLeader.response().getString("leader")).isEqualTo(leaderId);
        CapturingResponder syncStatic = staticClient.sync(5, GROUP, 1, staticId, List.of());
        leaderClient.sync(5, GROUP, 1, leaderId, List.of(new String[] {leaderId, "pl"}, new String[] {staticId, "ps"}));
        assertThat(syncStatic.errorCode()).isZero();

        CapturingResponder restarted = staticClient.join(9, GROUP, "", SESSION_MS, REBALANCE_MS, "instance-1", List.of("range"), subscription);
        String newId = restarted.response().getString("member_id");
        assertThat(newId).isNotEqualTo(staticId);
        assertThat(restarted.response().getInt("generation_id")).as("no rebalance").isEqualTo(1);
        assertThat(GroupClient.text(staticClient.sync(5, GROUP, 1, newId, List.of()).response().getBytes("assignment"))).isEqualTo("ps");
        CapturingResponder fenced = staticClient.send(ApiKey.HEARTBEAT, 4, r -> r.set("group_id", GROUP)
                .set("generation_id", 1).set("member_id", staticId).set("group_instance_id", "instance-1"));
        assertThat(fenced.errorCode()).isEqualTo(Errors.FENCED_INSTANCE_ID.code());
        assertThat(leaderClient.heartbeat(GROUP, 1, leaderId).errorCode()).isZero();
    }

    @Test
    void requestsForPartitionsNotLedHereOrStillLoadingAreRedirected() {
        GroupCoordinator other = new GroupCoordinator(GroupCoordinatorConfig.from(java.util.Map.of(
                "offsets.topic.num.partitions", String.valueOf(PARTITIONS))), offsetsTopic, scheduler, time);
        GroupClient client = new GroupClient(other, "c");
        assertThat(client.join(9, GROUP, "", SESSION_MS, REBALANCE_MS, null, List.of("range"), new byte[0]).errorCode())
                .isEqualTo(Errors.NOT_COORDINATOR.code());
        other.onBecameLeader(other.partitionFor(GROUP));
        assertThat(client.join(9, GROUP, "", SESSION_MS, REBALANCE_MS, null, List.of("range"), new byte[0]).errorCode())
                .isEqualTo(Errors.COORDINATOR_LOAD_IN_PROGRESS.code());
        scheduler.runDue();
        String id = client.join(9, GROUP, "", SESSION_MS, REBALANCE_MS, null, List.of("range"), new byte[0]).response().getString("member_id");
        CapturingResponder parked = client.join(9, GROUP, id, SESSION_MS, REBALANCE_MS, null, List.of("range"), new byte[0]);
        assertThat(parked.isDone()).isFalse();

        other.onResigned(other.partitionFor(GROUP));
        assertThat(parked.errorCode()).as("a parked join learns the coordinator moved").isEqualTo(Errors.NOT_COORDINATOR.code());
        assertThat(client.heartbeat(GROUP, 1, id).errorCode()).isEqualTo(Errors.NOT_COORDINATOR.code());
    }
}
