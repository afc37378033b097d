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
class GroupAdminTest extends GroupCoordinatorTestBase {

    @Test
    void listAndDescribeShowWhatConsumerGroupToolsPrint() {
        GroupClient a = client("consumer-a");
        String[] ids = formStableGroup("stable-group", a, client("consumer-b"));
        client("tool").commit(9, "offsets-only", -1, "", "t", 0, 1);
        GroupClient admin = client("admin");

        assertThat(listed(admin.send(ApiKey.LIST_GROUPS, 0, r -> { }).response())).containsExactlyInAnyOrder("stable-group", "offsets-only");
        assertThat(listed(admin.send(ApiKey.LIST_GROUPS, 4, r -> r.set("states_filter", List.of("stable"))).response()))
                .containsExactly("stable-group");
        assertThat(listed(admin.send(ApiKey.LIST_GROUPS, 5, r -> r.set("types_filter", List.of("Consumer", "Classic"))).response()))
                .hasSize(2);
        assertThat(listed(admin.send(ApiKey.LIST_GROUPS, 5, r -> r.set("types_filter", List.of("share"))).response())).isEmpty();
        Struct entry = admin.send(ApiKey.LIST_GROUPS, 5, r -> r.set("states_filter", List.of("Stable"))).response().getStructs("groups").get(0);
        assertThat(entry.getString("protocol_type")).isEqualTo("consumer");
        assertThat(entry.getString("group_state")).isEqualTo("Stable");
        assertThat(entry.getString("group_type")).isEqualTo("classic");

        Struct described = describe(5, "stable-group");
        assertThat(described.getShort("error_code")).isZero();
        assertThat(described.getString("protocol_type")).isEqualTo("consumer");
        assertThat(described.getString("protocol_data")).isEqualTo("range");
        Struct member = described.getStructs("members").get(0);
        assertThat(member.getString("member_id")).isEqualTo(ids[0]);
        assertThat(member.getString("client_id")).isEqualTo("consumer-a");
        assertThat(member.getString("client_host")).isEqualTo("/127.0.0.1");
        assertThat(ConsumerSubscription.topics(MembershipService.copy(member.getBytes("member_metadata")))).contains(java.util.Set.of("t"));
        assertThat(GroupClient.text(member.getBytes("member_assignment"))).isEqualTo("pa");
        assertThat(describe(5, "offsets-only").getString("group_state")).isEqualTo("Empty");

        Struct unknownOld = describe(5, "unknown");
        assertThat(unknownOld.getShort("error_code")).isZero();
        assertThat(unknownOld.getString("group_state")).isEqualTo("Dead");
        assertThat(describe(6, "unknown").getShort("error_code")).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
    }

    @Test
    void onlyEmptyGroupsCanBeDeletedAndTheyStayDeletedAfterRestart() {
        GroupClient a = client("a");
        GroupClient b = client("b");
        String[] ids = formStableGroup("busy", a, b);
        a.commit(9, "busy", 1, ids[0], "t", 0, 8);
        client("tool").commit(9, "idle", -1, "", "t", 0, 9);
        GroupClient admin = client("admin");

        Struct first = admin.send(ApiKey.DELETE_GROUPS, 2, r -> r.set("groups_names", List.of("busy", "idle", "unknown"))).response();
        assertThat(first.getStructs("results")).extracting(r -> r.getShort("error_code"))
                .containsExactly(Errors.NON_EMPTY_GROUP.code(), Errors.NONE.code(), Errors.GROUP_ID_NOT_FOUND.code());
        assertThat(admin.fetchOffset("idle", "t", 0)).isEqualTo(-1);
        assertThat(describe(6, "idle").getShort("error_code")).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());

        b.send(ApiKey.LEAVE_GROUP, 5, r -> {
            r.set("group_id", "busy");
            r.addChild("members").set("member_id", ids[0]);
            r.addChild("members").set("member_id", ids[1]);
        });
        assertThat(describe(5, "busy").getString("group_state")).isEqualTo("Empty");
        Struct second = admin.send(ApiKey.DELETE_GROUPS, 0, r -> r.set("groups_names", List.of("busy"))).response();
        assertThat(second.getStructs("results").get(0).getShort("error_code")).isZero();

        coordinator = newCoordinator(Map.of());
        assertThat(listed(client("admin").send(ApiKey.LIST_GROUPS, 3, r -> { }).response())).isEmpty();
        assertThat(client("admin").fetchOffset("busy", "t", 0)).isEqualTo(-1);
    }

    private static List<String> listed(Struct response) {
        assertThat(response.getShort("error_code")).isZero();
        return response.getStructs("groups").stream().map(g -> g.getString("group_id")).toList();
    }
}
