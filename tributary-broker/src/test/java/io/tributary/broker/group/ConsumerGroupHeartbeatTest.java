package io.tributary.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** KIP-848 consumer groups on the coordinator: joins, incremental reconciliation, fencing, records. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ConsumerGroupHeartbeatTest extends GroupCoordinatorTestBase {

    static final String GROUP = "cg";
    static final UUID T = new UUID(1, 1);

    final Map<String, TopicCatalog.Topic> topics = new ConcurrentHashMap<>();

    @BeforeEach
    void consumerCoordinator() {
        topics.put("t", new TopicCatalog.Topic(T, 4));
        coordinator = newConsumerCoordinator(Map.of());
    }

    GroupCoordinator newConsumerCoordinator(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>(overrides);
        props.put("offsets.topic.num.partitions", String.valueOf(PARTITIONS));
        GroupCoordinator fresh = new GroupCoordinator(GroupCoordinatorConfig.from(props), ConsumerGroupConfig.from(props),
                offsetsTopic, scheduler, time, TopicIds.NONE, () -> Map.copyOf(topics));
        for (int p = 0; p < PARTITIONS; p++) {
            fresh.onBecameLeader(p);
        }
        scheduler.runDue();
        return fresh;
    }

    /** A joining heartbeat (epoch 0) subscribing to topic names. */
    Struct join(String memberId, String assignor, String... topicNames) {
        return heartbeat(memberId, 0, r -> r.set("rebalance_timeout_ms", REBALANCE_MS)
                .set("subscribed_topic_names", List.of(topicNames)).set("server_assignor", assignor)
                .set("topic_partitions", new ArrayList<>()));
    }

    Struct heartbeat(String memberId, int epoch, java.util.function.Consumer<Struct> body) {
        CapturingResponder responder = client(memberId).send(ApiKey.CONSUMER_GROUP_HEARTBEAT, 1, r -> {
            r.set("group_id", GROUP).set("member_id", memberId).set("member_epoch", epoch);
            body.accept(r);
        });
        assertThat(responder.isDone()).as("heartbeat answered").isTrue();
        return responder.response();
    }

    /** A plain heartbeat; {@code owned} (partitions of T) reported when not null. */
    Struct beat(String memberId, int epoch, Set<Integer> owned) {
        return heartbeat(memberId, epoch, r -> {
            if (owned != null) {
                r.set("topic_partitions", new ArrayList<>());
                if (!owned.isEmpty()) {
                    r.addChild("topic_partitions").set("topic_id", T).set("partitions", new ArrayList<>(owned));
                }
            }
        });
    }

    static Set<Integer> assigned(Struct response) {
        Struct assignment = response.getStruct("assignment");
        assertThat(assignment).as("assignment in " + response).isNotNull();
        Set<Integer> partitions = new TreeSet<>();
        for (Struct topic : assignment.getStructs("topic_partitions")) {
            assertThat(topic.getUuid("topic_id")).isEqualTo(T);
            partitions.addAll(topic.<Integer>getList("partitions"));
        }
        return partitions;
    }

    Struct describeGroup() {
        return client("admin").send(ApiKey.CONSUMER_GROUP_DESCRIBE, 1, r -> r.set("group_ids", List.of(GROUP)))
                .response().getStructs("groups").get(0);
    }

    @Test
    void firstMemberGetsEveryPartitionAtEpochOne() {
        Struct response = join("a", null, "t");
        assertThat(response.getShort("error_code")).isZero();
        assertThat(response.getInt("member_epoch")).isEqualTo(1);
        assertThat(response.getInt("heartbeat_interval_ms")).isEqualTo(5000);
        assertThat(assigned(response)).containsExactly(0, 1, 2, 3);
        Struct described = describeGroup();
        assertThat(described.getString("group_state")).isEqualTo("Stable");
        assertThat(described.getInt("group_epoch")).isEqualTo(1);
        assertThat(described.getString("assignor_name")).isEqualTo("uniform");
        assertThat(described.getStructs("members").get(0).getStruct("assignment").getStructs("topic_partitions").get(0)
                .getString("topic_name")).isEqualTo("t");
    }

    @Test
    void partitionsMoveOnlyAfterTheirOwnerRevokedThem() {
        assertThat(assigned(join("a", null, "t"))).containsExactly(0, 1, 2, 3);
        beat("a", 1, Set.of(0, 1, 2, 3));

        Struct b = join("b", null, "t");
        assertThat(b.getInt("member_epoch")).isEqualTo(2);
        assertThat(assigned(b)).as("nothing until a releases").isEmpty();

        Struct a = beat("a", 1, null);
        assertThat(a.getInt("member_epoch")).as("a revokes at its current epoch").isEqualTo(1);
        Set<Integer> keptByA = assigned(a);
        assertThat(keptByA).hasSize(2);
        assertThat(describeGroup().getString("group_state")).isEqualTo("Reconciling");

        assertThat(beat("b", 2, Set.of()).getStruct("assignment")).as("b still waits").isNull();

        Struct aDone = beat("a", 1, keptByA);
        assertThat(aDone.getInt("member_epoch")).isEqualTo(2);

        Struct bNow = beat("b", 2, Set.of());
        Set<Integer> gotByB = assigned(bNow);
        assertThat(gotByB).hasSize(2).doesNotContainAnyElementsOf(keptByA);
        beat("b", 2, gotByB);
        assertThat(describeGroup().getString("group_state")).isEqualTo("Stable");
    }

    @Test
    void staleOrFutureEpochIsFencedAndChangesNothing() {
        join("a", null, "t");
        beat("a", 1, Set.of(0, 1, 2, 3));
        int batches = offsetsTopic.batchCount(coordinator.partitionFor(GROUP));
        assertThat(beat("a", 7, null).getShort("error_code")).isEqualTo(Errors.FENCED_MEMBER_EPOCH.code());
        assertThat(offsetsTopic.batchCount(coordinator.partitionFor(GROUP))).isEqualTo(batches);
        assertThat(describeGroup().getInt("group_epoch")).isEqualTo(1);
        assertThat(beat("ghost", 1, null).getShort("error_code")).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
    }

    @Test
    void unknownAssignorAndBadRegexAreRefusedBeforeAnythingIsApplied() {
        assertThat(join("a", "sticky", "t").getShort("error_code")).isEqualTo(Errors.UNSUPPORTED_ASSIGNOR.code());
        Struct badRegex = heartbeat("a", 0, r -> r.set("rebalance_timeout_ms", REBALANCE_MS)
                .set("subscribed_topic_regex", "t(").set("topic_partitions", new ArrayList<>()));
        assertThat(badRegex.getShort("error_code")).isEqualTo(Errors.INVALID_REGULAR_EXPRESSION.code());
        Struct noTimeout = heartbeat("a", 0, r -> r.set("subscribed_topic_names", List.of("t"))
                .set("topic_partitions", new ArrayList<>()));
        assertThat(noTimeout.getShort("error_code")).isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(offsetsTopic.batchCount(coordinator.partitionFor(GROUP))).isZero();
        assertThat(describeGroup().getShort("error_code")).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
    }

    @Test
    void rangeAssignorIsChosenByTheMembersServerAssignor() {
        join("a", "range", "t");
        beat("a", 1, Set.of(0, 1, 2, 3));
        join("b", "range", "t");
        assertThat(assigned(beat("a", 1, null))).containsExactly(0, 1);
        assertThat(describeGroup().getString("assignor_name")).isEqualTo("range");
    }

    @Test
    void regexSubscriptionMatchesWholeNamesAndSkipsInternalTopics() {
        UUID t2 = new UUID(2, 2);
        topics.put("orders-eu", new TopicCatalog.Topic(t2, 2));
        topics.put("orders", new TopicCatalog.Topic(new UUID(3, 3), 1));
        topics.put("__consumer_offsets", new TopicCatalog.Topic(new UUID(4, 4), 4));
        Struct response = heartbeat("a", 0, r -> r.set("rebalance_timeout_ms", REBALANCE_MS)
                .set("subscribed_topic_regex", "orders-.*|__.*").set("topic_partitions", new ArrayList<>()));
        Struct assignment = response.getStruct("assignment");
        assertThat(assignment.getStructs("topic_partitions")).hasSize(1);
        assertThat(assignment.getStructs("topic_partitions").get(0).getUuid("topic_id")).isEqualTo(t2);
    }

    @Test
    void addedPartitionsBumpTheEpochAndAreAssigned() {
        join("a", null, "t");
        beat("a", 1, Set.of(0, 1, 2, 3));
        topics.put("t", new TopicCatalog.Topic(T, 6));
        Struct response = beat("a", 1, null);
        assertThat(response.getInt("member_epoch")).isEqualTo(2);
        assertThat(assigned(response)).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void silentMemberIsRemovedAfterItsSessionAndItsPartitionsReassigned() {
        join("a", null, "t");
        beat("a", 1, Set.of(0, 1, 2, 3));
        join("b", null, "t");
        scheduler.advance(30_000);
        beat("b", 2, Set.of()); // b keeps its session
        scheduler.advance(20_000); // a has been silent for the session timeout (45 s)
        Struct b = beat("b", 2, Set.of());
        assertThat(b.getInt("member_epoch")).isEqualTo(3);
        assertThat(assigned(b)).containsExactly(0, 1, 2, 3);
        assertThat(describeGroup().getStructs("members")).hasSize(1);
    }

    @Test
    void leavingMemberIsAnsweredWithEpochMinusOneAndGroupBecomesEmpty() {
        join("a", null, "t");
        Struct left = beat("a", -1, null);
        assertThat(left.getShort("error_code")).isZero();
        assertThat(left.getInt("member_epoch")).isEqualTo(-1);
        Struct described = describeGroup();
        assertThat(described.getString("group_state")).isEqualTo("Empty");
        assertThat(described.getInt("group_epoch")).isEqualTo(2);
    }

    @Test
    void offsetCommitsAndFetchesCheckTheMemberEpoch() {
        join("a", null, "t");
        GroupClient a = client("a");
        assertThat(a.commit(9, GROUP, 1, "a", "t", 0, 42).response().getStructs("topics").get(0).getStructs("partitions")
                .get(0).getShort("error_code")).isZero();
        assertThat(a.commit(9, GROUP, 5, "a", "t", 0, 43).response().getStructs("topics").get(0).getStructs("partitions")
                .get(0).getShort("error_code")).isEqualTo(Errors.STALE_MEMBER_EPOCH.code());
        assertThat(a.fetchOffset(GROUP, "t", 0)).isEqualTo(42);
        Struct fetch = a.send(ApiKey.OFFSET_FETCH, 9, r -> r.addChild("groups").set("group_id", GROUP)
                .set("member_id", "a").set("member_epoch", 5)).response();
        assertThat(fetch.getStructs("groups").get(0).getShort("error_code")).isEqualTo(Errors.STALE_MEMBER_EPOCH.code());
    }

    @Test
    void commitWithThePreviousEpochIsAcceptedOnlyForPartitionsTheMemberStillOwns() {
        join("a", null, "t");
        beat("a", 1, Set.of(0, 1, 2, 3));
        join("b", null, "t");
        Set<Integer> kept = assigned(beat("a", 1, null));
        assertThat(beat("a", 1, kept).getInt("member_epoch")).isEqualTo(2);
        int keptPartition = kept.iterator().next();
        int lostPartition = java.util.stream.IntStream.range(0, 4).filter(p -> !kept.contains(p)).findFirst().orElseThrow();
        GroupClient a = client("a");
        assertThat(commitError(a.commit(9, GROUP, 1, "a", "t", keptPartition, 5))).isZero();
        assertThat(commitError(a.commit(9, GROUP, 1, "a", "t", lostPartition, 5))).isEqualTo(Errors.STALE_MEMBER_EPOCH.code());
        assertThat(commitError(a.commit(9, GROUP, 2, "a", "t", lostPartition, 5))).as("at the current epoch")
                .isZero();
    }

    static short commitError(CapturingResponder responder) {
        return responder.response().getStructs("topics").get(0).getStructs("partitions").get(0).getShort("error_code");
    }

    @Test
    void groupIsRestoredFromTheOffsetsTopicOnFailover() {
        join("a", null, "t");
        beat("a", 1, Set.of(0, 1, 2, 3));
        join("b", null, "t");
        Set<Integer> kept = assigned(beat("a", 1, null));
        client("a").commit(9, GROUP, 1, "a", "t", 3, 99);

        coordinator = newConsumerCoordinator(Map.of()); // a new coordinator replays __consumer_offsets
        Struct described = describeGroup();
        assertThat(described.getInt("group_epoch")).isEqualTo(2);
        assertThat(described.getStructs("members")).hasSize(2);
        assertThat(client("x").fetchOffset(GROUP, "t", 3)).isEqualTo(99);
        Struct aDone = beat("a", 1, kept);
        assertThat(aDone.getShort("error_code")).isZero();
        assertThat(aDone.getInt("member_epoch")).isEqualTo(2);
        assertThat(assigned(beat("b", 2, Set.of()))).hasSize(2).doesNotContainAnyElementsOf(kept);
    }

    @Test
    void classicJoinWaitsForConsumerMembersAndOtherGroupTypesAreNotUpgraded() {
        join("a", null, "t");
        GroupClient classic = client("classic");
        CapturingResponder joinClassic = classic.join(9, GROUP, "", SESSION_MS, REBALANCE_MS, null, List.of("range"),
                GroupClient.subscription("t"));
        assertThat(joinClassic.errorCode()).as("a rolling downgrade: retry until the consumer members left")
                .isEqualTo(Errors.REBALANCE_IN_PROGRESS.code());

        CapturingResponder otherType = client("w").send(ApiKey.JOIN_GROUP, 3, r -> {
            r.set("group_id", "connect-group").set("member_id", "").set("session_timeout_ms", SESSION_MS)
                    .set("rebalance_timeout_ms", REBALANCE_MS).set("protocol_type", "connect");
            r.addChild("protocols").set("name", "default").set("metadata", java.nio.ByteBuffer.wrap(new byte[1]));
        });
        scheduler.advance(4_000);
        assertThat(otherType.errorCode()).isZero();
        CapturingResponder heartbeat = client("n").send(ApiKey.CONSUMER_GROUP_HEARTBEAT, 1, r -> r.set("group_id", "connect-group")
                .set("member_id", "n").set("member_epoch", 0).set("rebalance_timeout_ms", REBALANCE_MS)
                .set("subscribed_topic_names", List.of("t")).set("topic_partitions", new ArrayList<>()));
        assertThat(heartbeat.errorCode()).as("a connect group is no consumer group").isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
    }

    @Test
    void disabledMigrationRefusesMixingProtocolsAsKafkaDoes() {
        coordinator = newConsumerCoordinator(Map.of("group.consumer.migration.policy", "disabled"));
        join("a", null, "t");
        CapturingResponder joinClassic = client("classic").join(9, GROUP, "", SESSION_MS, REBALANCE_MS, null,
                List.of("range"), GroupClient.subscription("t"));
        assertThat(joinClassic.errorCode()).isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL.code());

        formStableGroup("classic-group", client("c1"), client("c2"));
        CapturingResponder upgrade = client("n").send(ApiKey.CONSUMER_GROUP_HEARTBEAT, 1, r -> r.set("group_id", "classic-group")
                .set("member_id", "n").set("member_epoch", 0).set("rebalance_timeout_ms", REBALANCE_MS)
                .set("subscribed_topic_names", List.of("t")).set("topic_partitions", new ArrayList<>()));
        assertThat(upgrade.errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
    }

    @Test
    void consumerMembersTakeOverAClassicGroupWhenItsLastClassicMemberLeaves() {
        String[] classic = formStableGroup(GROUP, client("c1"), client("c2"));
        client("c1").commit(9, GROUP, 1, classic[0], "t", 0, 17);

        Struct upgraded = heartbeat("n1", 0, r -> r.set("rebalance_timeout_ms", REBALANCE_MS)
                .set("subscribed_topic_names", List.of("t")).set("topic_partitions", new ArrayList<>()));
        assertThat(upgraded.getShort("error_code")).isZero();
        assertThat(assigned(upgraded)).as("nothing while classic members run the group").isEmpty();
        assertThat(client("c2").heartbeat(GROUP, 1, classic[1]).errorCode()).as("classic members carry on").isZero();
        assertThat(commitError(client("c1").commit(9, GROUP, 1, classic[0], "t", 0, 18))).isZero();

        for (String member : classic) {
            CapturingResponder left = client(member).send(ApiKey.LEAVE_GROUP, 3, r -> r.set("group_id", GROUP)
                    .addChild("members").set("member_id", member));
            assertThat(left.errorCode()).isZero();
        }
        Struct takeOver = beat("n1", upgraded.getInt("member_epoch"), Set.of());
        assertThat(takeOver.getInt("member_epoch")).isGreaterThan(upgraded.getInt("member_epoch"));
        assertThat(assigned(takeOver)).containsExactly(0, 1, 2, 3);
        assertThat(client("x").fetchOffset(GROUP, "t", 0)).as("the classic members' commit stays").isEqualTo(18);
    }

    @Test
    void emptyGroupChangesProtocolBothWaysKeepingItsOffsets() {
        GroupClient admin = client("admin");
        admin.commit(9, GROUP, -1, "", "t", 1, 10); // a classic (simple) group with an offset
        join("a", null, "t");
        assertThat(admin.fetchOffset(GROUP, "t", 1)).isEqualTo(10);
        beat("a", -1, null);

        String id = memberIdFor(client("c"), GROUP, List.of("range"), GroupClient.subscription("t"));
        CapturingResponder joined = client("c").join(9, GROUP, id, SESSION_MS, REBALANCE_MS, null, List.of("range"),
                GroupClient.subscription("t"));
        scheduler.advance(4_000);
        assertThat(joined.errorCode()).isZero();
        assertThat(admin.fetchOffset(GROUP, "t", 1)).isEqualTo(10);
        Struct listed = admin.send(ApiKey.LIST_GROUPS, 5, r -> r.set("types_filter", List.of("classic"))).response();
        assertThat(listed.getStructs("groups")).extracting(g -> g.getString("group_id")).contains(GROUP);
    }

    @Test
    void listGroupsShowsTheConsumerTypeAndItsState() {
        join("a", null, "t");
        Struct listed = client("admin").send(ApiKey.LIST_GROUPS, 5, r -> r.set("types_filter", List.of("consumer"))).response();
        assertThat(listed.getStructs("groups")).hasSize(1);
        Struct group = listed.getStructs("groups").get(0);
        assertThat(group.getString("group_type")).isEqualTo("consumer");
        assertThat(group.getString("group_state")).isEqualTo("Stable");
        assertThat(group.getString("protocol_type")).isEqualTo("consumer");
        Struct classicOnly = client("admin").send(ApiKey.LIST_GROUPS, 5, r -> r.set("types_filter", List.of("classic"))).response();
        assertThat(classicOnly.getStructs("groups")).isEmpty();
    }

    @Test
    void maxSizeRefusesOneMemberTooMany() {
        coordinator = newConsumerCoordinator(Map.of("group.consumer.max.size", "1"));
        join("a", null, "t");
        assertThat(join("b", null, "t").getShort("error_code")).isEqualTo(Errors.GROUP_MAX_SIZE_REACHED.code());
    }
}
