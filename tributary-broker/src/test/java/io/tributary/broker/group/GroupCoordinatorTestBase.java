package io.tributary.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.MockTime;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/** A coordinator leading every offsets partition, on mock time, over an in-memory offsets topic. */
abstract class GroupCoordinatorTestBase {

    static final int PARTITIONS = 4;
    static final int SESSION_MS = 10_000;
    static final int REBALANCE_MS = 20_000;

    final MockTime time = new MockTime();
    final ManualScheduler scheduler = new ManualScheduler(time);
    final InMemoryOffsetsTopic offsetsTopic = new InMemoryOffsetsTopic();
    GroupCoordinator coordinator;

    @BeforeEach
    void startCoordinator() {
        coordinator = newCoordinator(Map.of());
    }

    GroupCoordinator newCoordinator(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>(overrides);
        props.put("offsets.topic.num.partitions", String.valueOf(PARTITIONS));
        GroupCoordinator fresh = new GroupCoordinator(GroupCoordinatorConfig.from(props), offsetsTopic, scheduler, time);
        for (int p = 0; p < PARTITIONS; p++) {
            fresh.onBecameLeader(p);
        }
        scheduler.runDue();
        return fresh;
    }

    GroupClient client(String clientId) {
        return new GroupClient(coordinator, clientId);
    }

    /** First join with an empty member id at v9: answered MEMBER_ID_REQUIRED with the id to use. */
    static String memberIdFor(GroupClient client, String groupId, List<String> protocols, byte[] metadata) {
        CapturingResponder first = client.join(9, groupId, "", SESSION_MS, REBALANCE_MS, null, protocols, metadata);
        assertThat(first.errorCode()).isEqualTo(Errors.MEMBER_ID_REQUIRED.code());
        return first.response().getString("member_id");
    }

    /** Two members (a leads) form generation 1 of a group subscribed to topic "t"; a gets "pa", b "pb". */
    String[] formStableGroup(String groupId, GroupClient a, GroupClient b) {
        byte[] subscription = GroupClient.subscription("t");
        String idA = memberIdFor(a, groupId, List.of("range"), subscription);
        CapturingResponder joinA = a.join(9, groupId, idA, SESSION_MS, REBALANCE_MS, null, List.of("range"), subscription);
        String idB = memberIdFor(b, groupId, List.of("range"), subscription);
        CapturingResponder joinB = b.join(9, groupId, idB, SESSION_MS, REBALANCE_MS, null, List.of("range"), subscription);
        scheduler.advance(6_000); // the initial delay, extended once because b arrived during it
        assertThat(joinA.errorCode()).isZero();
        assertThat(joinB.errorCode()).isZero();
        CapturingResponder syncB = b.sync(5, groupId, 1, idB, List.of());
        CapturingResponder syncA = a.sync(5, groupId, 1, idA, List.of(new String[] {idA, "pa"}, new String[] {idB, "pb"}));
        assertThat(syncA.errorCode()).isZero();
        assertThat(syncB.errorCode()).isZero();
        return new String[] {idA, idB};
    }

    Struct describe(int version, String groupId) {
        return client("admin").send(ApiKey.DESCRIBE_GROUPS, version, r -> r.set("groups", List.of(groupId)))
                .response().getStructs("groups").get(0);
    }
}
