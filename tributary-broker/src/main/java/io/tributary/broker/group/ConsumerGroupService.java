package io.tributary.broker.group;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.tributary.broker.group.OffsetsRecordBatch.KeyValue;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Responder;
import io.tributary.common.Time;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ConsumerGroupHeartbeat (KIP-848): members join with epoch 0, heartbeat, report what they own and
 * leave with -1 (-2 for a static member); the group epoch is bumped when membership, a subscription
 * or the subscribed topics change, the target assignment is recomputed for it, and each member is
 * reconciled towards its target by {@link ConsumerReconciler}. Session and revocation timers remove
 * members that went silent or did not give up partitions in time. Every change is written to
 * {@code __consumer_offsets} ({@link ConsumerGroupRecords}) before the member hears of it.
 *
 * <p>Thread-safe: each request or timer locks the group's {@link ClassicGroup} holder once; responses
 * and storage callbacks run after the lock is released ({@link Outbox}).
 */
final class ConsumerGroupService {

    private static final Logger log = LoggerFactory.getLogger(ConsumerGroupService.class);

    static final int LEAVE_EPOCH = -1;
    static final int STATIC_LEAVE_EPOCH = -2;

    private final ConsumerGroupConfig config;
    private final GroupRegistry registry;
    private final GroupStore store;
    private final Scheduler scheduler;
    private final TopicCatalog catalog;
    private final Time time;
    private final Map<String, ServerAssignor> assignors = new HashMap<>();

    ConsumerGroupService(ConsumerGroupConfig config, GroupRegistry registry, GroupStore store, Scheduler scheduler,
                         TopicCatalog catalog, Time time) {
        this.config = config;
        this.registry = registry;
        this.store = store;
        this.scheduler = scheduler;
        this.catalog = catalog;
        this.time = time;
        for (ServerAssignor assignor : List.of(new UniformAssignor(), new RangeAssignor())) {
            if (config.assignors().contains(assignor.name())) {
                assignors.put(assignor.name(), assignor);
            }
        }
    }

    void heartbeat(RequestContext context, Struct request, Responder responder) {
        String memberId = request.getString("member_id");
        if (context.version() == 0 && request.getInt("member_epoch") == 0 && memberId.isEmpty()) {
            memberId = UUID.randomUUID().toString(); // v0 lets the coordinator choose the id
        }
        String regex = request.getString("subscribed_topic_regex");
        Pattern pattern = null;
        if (regex != null && !regex.isEmpty()) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                responder.send(error(Errors.INVALID_REGULAR_EXPRESSION,
                        "SubscribedTopicRegex " + regex + " is not a valid regular expression: " + e.getMessage()));
                return;
            }
        }
        List<Struct> owned = request.getStructs("topic_partitions");
        ConsumerHeartbeat heartbeat = new ConsumerHeartbeat(request.getString("group_id"), memberId,
                request.getInt("member_epoch"), request.getString("instance_id"), request.getString("rack_id"),
                request.getInt("rebalance_timeout_ms"), request.getList("subscribed_topic_names"), regex, pattern,
                request.getString("server_assignor"),
                owned == null ? null : ConsumerGroupRecords.partitions(owned), context.clientId(), context.clientHost());
        String invalid = heartbeat.invalidReason();
        if (invalid != null) {
            responder.send(error(Errors.INVALID_REQUEST, invalid));
        } else if (heartbeat.assignor() != null && !assignors.containsKey(heartbeat.assignor())) {
            responder.send(error(Errors.UNSUPPORTED_ASSIGNOR, "ServerAssignor " + heartbeat.assignor()
                    + " is not supported. Supported assignors: " + String.join(", ", config.assignors()) + "."));
        } else {
            handle(heartbeat, responder);
        }
    }

    private void handle(ConsumerHeartbeat heartbeat, Responder responder) {
        short coordinator = registry.coordinatorError(heartbeat.groupId());
        if (coordinator != Errors.NONE.code()) {
            responder.send(error(Errors.forCode(coordinator), null));
            return;
        }
        boolean joining = heartbeat.memberEpoch() == 0;
        Outbox out = new Outbox();
        while (true) {
            ClassicGroup holder = joining ? registry.getOrCreate(heartbeat.groupId()) : registry.group(heartbeat.groupId());
            if (holder == null) {
                responder.send(joining ? error(Errors.NOT_COORDINATOR, null)
                        : error(Errors.UNKNOWN_MEMBER_ID, "Member " + heartbeat.memberId() + " is not a member of the group."));
                return;
            }
            synchronized (holder) {
                if (holder.is(GroupState.DEAD)) {
                    if (joining) {
                        registry.remove(holder);
                        continue; // deleted or expired a moment ago: start afresh
                    }
                    out.send(responder, error(Errors.UNKNOWN_MEMBER_ID, null));
                } else {
                    heartbeatLocked(holder, heartbeat, responder, out);
                }
            }
            break;
        }
        out.flush();
    }

    private void heartbeatLocked(ClassicGroup holder, ConsumerHeartbeat heartbeat, Responder responder, Outbox out) {
        List<KeyValue> records = new ArrayList<>();
        ConsumerGroup group = holder.consumerGroup();
        if (group == null) {
            boolean upgrading = classicActive(holder);
            if (upgrading && !ConsumerSubscription.PROTOCOL_TYPE.equals(holder.protocolType())) {
                out.send(responder, error(Errors.GROUP_ID_NOT_FOUND, "Group " + holder.groupId() + " is not a consumer group."));
                return;
            }
            if (upgrading && !config.migrationPolicy().allowsUpgrade()) {
                out.send(responder, error(Errors.GROUP_ID_NOT_FOUND, "Cannot upgrade classic group " + holder.groupId()
                        + " to consumer group because the online upgrade is disabled."));
                return;
            }
            if (heartbeat.memberEpoch() != 0) {
                out.send(responder, error(Errors.UNKNOWN_MEMBER_ID, "Group " + holder.groupId() + " has no consumer members."));
                return;
            }
            if (!upgrading && (holder.protocolType() != null || holder.generationId() > 0)) {
                records.add(OffsetsRecords.groupMetadata(holder.groupId(), null)); // the classic group is replaced
            }
            group = new ConsumerGroup(holder.groupId());
            holder.consumerGroup(group);
            log.info("{} now runs the consumer protocol{}", holder, upgrading ? " once its classic members have left" : "");
        }
        ConsumerGroupMember member = group.member(heartbeat.memberId());
        boolean created = false;
        if (heartbeat.memberEpoch() == 0 && member == null) {
            if (group.size() >= config.maxSize()) {
                out.send(responder, error(Errors.GROUP_MAX_SIZE_REACHED, "The consumer group has reached its maximum capacity of "
                        + config.maxSize() + " members."));
                return;
            }
            member = new ConsumerGroupMember(heartbeat.memberId());
            group.add(member);
            created = true;
        } else if (member == null) {
            out.send(responder, error(Errors.UNKNOWN_MEMBER_ID, "Member " + heartbeat.memberId() + " is not a member of the group."));
            return;
        } else if (heartbeat.memberEpoch() > 0 && !epochIsValid(member, heartbeat)) {
            out.send(responder, error(Errors.FENCED_MEMBER_EPOCH, "The consumer group member has a smaller or larger member epoch ("
                    + heartbeat.memberEpoch() + ") than the one known by the group coordinator (" + member.memberEpoch() + ")."));
            return;
        }

        if (heartbeat.memberEpoch() == LEAVE_EPOCH || heartbeat.memberEpoch() == STATIC_LEAVE_EPOCH) {
            removeMember(holder, group, member, records);
            String leavingId = member.memberId();
            append(holder, records, out, responder, () -> MessageCodec.newResponse(ApiKey.CONSUMER_GROUP_HEARTBEAT)
                    .set("member_id", leavingId).set("member_epoch", heartbeat.memberEpoch()));
            return;
        }

        Map<String, TopicCatalog.Topic> topics = visibleTopics(holder);
        boolean bump = updateMember(group, member, heartbeat, created, records);
        long hash = ConsumerTargetAssignment.metadataHash(group, topics);
        if (bump || hash != group.metadataHash()) {
            group.groupEpoch(group.groupEpoch() + 1, hash);
            records.add(ConsumerGroupRecords.groupEpoch(group.groupId(), group.groupEpoch(), hash));
            log.info("{} moves to epoch {}", group, group.groupEpoch());
        }
        if (group.assignmentEpoch() != group.groupEpoch()) {
            ConsumerTargetAssignment.compute(group, assignor(group), topics, time.milliseconds(), records);
        }
        ConsumerAssignment assignedBefore = member.assigned();
        int epochBefore = member.memberEpoch();
        if (ConsumerReconciler.reconcile(group, member, heartbeat.owned()) || heartbeat.memberEpoch() == 0) {
            records.add(ConsumerGroupRecords.currentAssignment(group.groupId(), member));
        }
        scheduleTimers(holder, group, member, epochBefore);

        boolean fullRequest = heartbeat.rebalanceTimeoutMs() != -1 && heartbeat.owned() != null
                && (heartbeat.topicNames() != null || heartbeat.regex() != null);
        boolean withAssignment = heartbeat.memberEpoch() == 0 || fullRequest || !member.assigned().equals(assignedBefore);
        ConsumerAssignment assigned = member.assigned();
        int epoch = member.memberEpoch();
        String id = member.memberId();
        append(holder, records, out, responder, () -> {
            Struct response = MessageCodec.newResponse(ApiKey.CONSUMER_GROUP_HEARTBEAT)
                    .set("member_id", id)
                    .set("member_epoch", epoch)
                    .set("heartbeat_interval_ms", config.heartbeatIntervalMs());
            if (withAssignment) {
                Struct assignment = response.newStruct("assignment");
                assigned.partitions().forEach((topic, partitions) -> assignment.addChild("topic_partitions")
                        .set("topic_id", topic).set("partitions", new ArrayList<>(partitions)));
            }
            return response;
        });
    }

    /** Kafka's rule: the current epoch, or the previous one when the member missed the bump and owns no more than it has. */
    private static boolean epochIsValid(ConsumerGroupMember member, ConsumerHeartbeat heartbeat) {
        int received = heartbeat.memberEpoch();
        if (received == member.memberEpoch()) {
            return true;
        }
        return received < member.memberEpoch() && received == member.previousMemberEpoch()
                && heartbeat.owned() != null && heartbeat.owned().isSubsetOf(member.assigned());
    }

    /** Applies the heartbeat's non-null fields; returns whether the assignment must be recomputed. */
    private static boolean updateMember(ConsumerGroup group, ConsumerGroupMember member, ConsumerHeartbeat heartbeat,
                                        boolean created, List<KeyValue> records) {
        boolean changed = created;
        if (heartbeat.topicNames() != null || heartbeat.regex() != null || heartbeat.assignor() != null) {
            List<String> names = heartbeat.topicNames() != null ? heartbeat.topicNames() : member.subscribedTopicNames();
            String regex = heartbeat.regex() != null ? (heartbeat.regex().isEmpty() ? null : heartbeat.regex())
                    : member.subscribedTopicRegex();
            Pattern pattern = heartbeat.regex() != null ? heartbeat.pattern() : member.regex();
            String assignor = heartbeat.assignor() != null ? heartbeat.assignor() : member.serverAssignor();
            changed |= member.subscribe(names, regex, pattern, assignor);
        }
        boolean described = heartbeat.rebalanceTimeoutMs() != -1 && heartbeat.rebalanceTimeoutMs() != member.rebalanceTimeoutMs();
        if (heartbeat.rebalanceTimeoutMs() != -1) {
            member.rebalanceTimeoutMs(heartbeat.rebalanceTimeoutMs());
        }
        String instanceId = heartbeat.instanceId() != null ? heartbeat.instanceId() : member.instanceId();
        String rackId = heartbeat.rackId() != null ? heartbeat.rackId() : member.rackId();
        described |= !heartbeat.clientId().equals(member.clientId()) || !Objects.equals(instanceId, member.instanceId())
                || !Objects.equals(rackId, member.rackId());
        member.identity(instanceId, rackId, heartbeat.clientId(), heartbeat.clientHost());
        if (changed || described) {
            records.add(ConsumerGroupRecords.member(group.groupId(), member));
        }
        return changed;
    }

    /**
     * Whether classic members still run the group. During a rolling upgrade the consumer-protocol
     * members that already arrived see no topics, so they hold no partitions, until the last classic
     * member has left; then the changed topic fingerprint bumps the epoch and they share the
     * partitions from the offsets the classic members committed.
     */
    static boolean classicActive(ClassicGroup holder) {
        return holder.size() > 0 || holder.pendingCount() > 0 || !holder.is(GroupState.EMPTY);
    }

    private Map<String, TopicCatalog.Topic> visibleTopics(ClassicGroup holder) {
        return classicActive(holder) ? Map.of() : catalog.topics();
    }

    /** The assignor most members asked for, else the default. */
    private ServerAssignor assignor(ConsumerGroup group) {
        Map<String, Integer> votes = new HashMap<>();
        for (ConsumerGroupMember member : group.members()) {
            if (member.serverAssignor() != null && assignors.containsKey(member.serverAssignor())) {
                votes.merge(member.serverAssignor(), 1, Integer::sum);
            }
        }
        String chosen = votes.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(config.defaultAssignor());
        return assignors.get(chosen);
    }

    /** Removes the member, bumps the epoch and recomputes the target for those who stay. */
    private void removeMember(ClassicGroup holder, ConsumerGroup group, ConsumerGroupMember member, List<KeyValue> records) {
        group.remove(member);
        records.addAll(ConsumerGroupRecords.memberTombstones(group.groupId(), member.memberId()));
        Map<String, TopicCatalog.Topic> topics = visibleTopics(holder);
        long hash = ConsumerTargetAssignment.metadataHash(group, topics);
        group.groupEpoch(group.groupEpoch() + 1, hash);
        records.add(ConsumerGroupRecords.groupEpoch(group.groupId(), group.groupEpoch(), hash));
        ConsumerTargetAssignment.compute(group, assignor(group), topics, time.milliseconds(), records);
        log.info("{}: member {} left or was removed", group, member.memberId());
    }

    private void scheduleTimers(ClassicGroup holder, ConsumerGroup group, ConsumerGroupMember member, int epochBefore) {
        member.sessionTimer(scheduler.schedule(config.sessionTimeoutMs(),
                () -> expire(holder, group, member, m -> true, "its session timed out")));
        if (member.state() != ConsumerMemberState.UNREVOKED_PARTITIONS) {
            member.revocationTimer(null);
        } else if (member.revocationTimer() == null || member.memberEpoch() != epochBefore) {
            int epoch = member.memberEpoch();
            member.revocationTimer(scheduler.schedule(Math.max(member.rebalanceTimeoutMs(), 0), () -> expire(holder, group,
                    member, m -> m.state() == ConsumerMemberState.UNREVOKED_PARTITIONS && m.memberEpoch() == epoch,
                    "it did not revoke its partitions within its rebalance timeout")));
        }
    }

    /** Timer: removes a member that is still there and still {@code due}. */
    private void expire(ClassicGroup holder, ConsumerGroup group, ConsumerGroupMember member,
                        Predicate<ConsumerGroupMember> due, String why) {
        Outbox out = new Outbox();
        synchronized (holder) {
            if (holder.consumerGroup() != group || group.member(member.memberId()) != member || !due.test(member)) {
                return;
            }
            log.info("Removing {} from {}: {}", member.memberId(), group, why);
            List<KeyValue> records = new ArrayList<>();
            removeMember(holder, group, member, records);
            CompletableFuture<Long> stored = store.appendRecords(holder, records);
            out.afterUnlock(() -> stored.whenComplete((offset, failure) -> {
                if (failure != null) {
                    log.warn("Failed to record the removal of {} from {}", member.memberId(), group, failure);
                }
            }));
        }
        out.flush();
    }

    /** Writes the records, then sends the response (or the write's error). */
    private void append(ClassicGroup holder, List<KeyValue> records, Outbox out, Responder responder,
                        Supplier<Struct> response) {
        Struct ready = response.get();
        if (records.isEmpty()) {
            out.send(responder, ready);
            return;
        }
        CompletableFuture<Long> stored = store.appendRecords(holder, records);
        out.afterUnlock(() -> stored.whenComplete((offset, failure) -> responder.send(failure == null ? ready
                : error(Errors.forCode(storeError(holder)), null))));
    }

    private short storeError(ClassicGroup holder) {
        return registry.coordinatorError(holder.groupId()) == Errors.NOT_COORDINATOR.code()
                ? Errors.NOT_COORDINATOR.code() : Errors.COORDINATOR_NOT_AVAILABLE.code();
    }

    /**
     * Before a classic JoinGroup: NONE to let it proceed, else the error to answer. An empty
     * consumer-protocol group becomes a classic one again (its records are tombstoned; committed
     * offsets stay). While consumer-protocol members remain, a rolling downgrade makes the classic
     * member retry (REBALANCE_IN_PROGRESS, which classic clients retry) until the last of them left;
     * with downgrades disabled it is INCONSISTENT_GROUP_PROTOCOL. Called with the holder's monitor held.
     */
    short admitClassicJoin(ClassicGroup holder, Outbox out) {
        ConsumerGroup group = holder.consumerGroup();
        if (group == null || classicActive(holder)) {
            return Errors.NONE.code(); // no consumer protocol, or an upgrade under way: classic members run the group
        }
        if (!group.isEmpty()) {
            return config.migrationPolicy().allowsDowngrade() ? Errors.REBALANCE_IN_PROGRESS.code()
                    : Errors.INCONSISTENT_GROUP_PROTOCOL.code();
        }
        holder.consumerGroup(null);
        CompletableFuture<Long> stored = store.appendRecords(holder, ConsumerGroupRecords.groupTombstones(holder.groupId()));
        log.info("{} returns to the classic protocol", holder);
        out.afterUnlock(() -> stored.whenComplete((offset, failure) -> {
            if (failure != null) {
                log.warn("Failed to tombstone the consumer-protocol records of {}", holder, failure);
            }
        }));
        return Errors.NONE.code();
    }

    /** After loading: members of loaded groups get a fresh session, as classic members do. */
    void onLoaded(ClassicGroup holder) {
        ConsumerGroup group = holder.consumerGroup();
        if (group != null) {
            for (ConsumerGroupMember member : group.members()) {
                scheduleTimers(holder, group, member, member.memberEpoch());
            }
        }
    }

    /** The partition moved away: stop the group's timers. */
    void unload(ClassicGroup holder) {
        ConsumerGroup group = holder.consumerGroup();
        if (group != null) {
            group.members().forEach(ConsumerGroupMember::cancelTimers);
        }
    }

    static Struct error(Errors error, String message) {
        return MessageCodec.newResponse(ApiKey.CONSUMER_GROUP_HEARTBEAT)
                .set("error_code", error.code())
                .set("error_message", message != null ? message : error.message());
    }
}
