package io.tributary.broker.group;

import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.common.Time;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.types.Struct;
import io.tributary.common.TopicPartition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group coordinator for Kafka's classic consumer-group protocol, and for KIP-848's consumer
 * protocol ({@link ConsumerGroupService}): the one object the broker talks to for groups and
 * committed offsets.
 *
 * <h2>What it does</h2>
 * Runs the rebalance state machine (Empty, PreparingRebalance, CompletingRebalance, Stable, Dead)
 * for every group whose {@code __consumer_offsets} partition this broker leads: member ids
 * (KIP-394's MEMBER_ID_REQUIRED from JoinGroup v4), protocol selection by vote, leader election, the
 * leader's client-side assignment handed to every member, session and rebalance timeouts, the
 * initial rebalance delay, static membership; and stores committed offsets and group metadata in
 * {@code __consumer_offsets} with Kafka's record formats, so it can be rebuilt from there.
 *
 * <h2>How the broker uses it</h2>
 * <ul>
 *   <li>Register {@link #handlers()} for JoinGroup, SyncGroup, Heartbeat, LeaveGroup, OffsetCommit,
 *       OffsetFetch, ListGroups, DescribeGroups, DeleteGroups and OffsetDelete. Each handler answers
 *       NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS itself when the group is not served here.</li>
 *   <li>FindCoordinator (key type 0) is answered by the broker: the coordinator of a group is the
 *       leader of partition {@link #partitionFor(String)} of {@code __consumer_offsets}.</li>
 *   <li>Call {@link #onBecameLeader(int)} when this broker becomes leader of an offsets partition (it
 *       then loads in the background, answering COORDINATOR_LOAD_IN_PROGRESS meanwhile) and
 *       {@link #onResigned(int)} when it stops leading one (NOT_COORDINATOR from then on).</li>
 *   <li>{@link #startup()} once, {@link #shutdown()} at the end.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Handlers may be called from any number of request-handler threads and never block: JoinGroup and
 * SyncGroup park their {@link Responder} and complete it later from another request, a timer on the
 * {@link Scheduler}, or a completed append to the {@link OffsetsTopic}. Each group is owned by its
 * own monitor: every change to a group happens under it, and responders and storage callbacks are
 * always run after releasing it. Groups never lock each other.
 */
public final class GroupCoordinator {

    private static final Logger log = LoggerFactory.getLogger(GroupCoordinator.class);

    private final GroupCoordinatorConfig config;
    private final OffsetsTopic offsetsTopic;
    private final Scheduler scheduler;
    private final Time time;
    private final GroupRegistry registry;
    private final RebalanceDriver driver;
    private final MembershipService membership;
    private final OffsetService offsets;
    private final TxnOffsetService txnOffsets;
    private final OffsetFetchService offsetFetch;
    private final GroupAdminService admin;
    private final OffsetExpiry expiry;
    private final ConsumerGroupService consumerGroups;
    private final ConsumerGroupDescriber consumerGroupDescriber;
    private final DeletedTopicOffsets deletedTopicOffsets;
    private volatile boolean running;
    private volatile Scheduler.Cancellable expiryTask;

    public GroupCoordinator(GroupCoordinatorConfig config, OffsetsTopic offsetsTopic, Scheduler scheduler, Time time) {
        this(config, offsetsTopic, scheduler, time, TopicIds.NONE);
    }

    /** With {@code topicIds}, OffsetCommit and OffsetFetch v10 (topics named by id) work too. */
    public GroupCoordinator(GroupCoordinatorConfig config, OffsetsTopic offsetsTopic, Scheduler scheduler, Time time,
                            TopicIds topicIds) {
        this(config, ConsumerGroupConfig.defaults(), offsetsTopic, scheduler, time, topicIds, TopicCatalog.EMPTY);
    }

    /** With {@code catalog}, KIP-848 consumer-protocol groups resolve their subscriptions too. */
    public GroupCoordinator(GroupCoordinatorConfig config, ConsumerGroupConfig consumerConfig, OffsetsTopic offsetsTopic,
                            Scheduler scheduler, Time time, TopicIds topicIds, TopicCatalog catalog) {
        this.config = config;
        this.offsetsTopic = offsetsTopic;
        this.scheduler = scheduler;
        this.time = time;
        this.registry = new GroupRegistry(config.offsetsTopicPartitions(), time);
        GroupStore store = new GroupStore(offsetsTopic, time);
        this.driver = new RebalanceDriver(config, time, scheduler, store, registry);
        this.consumerGroups = new ConsumerGroupService(consumerConfig, registry, store, scheduler, catalog, time);
        this.consumerGroupDescriber = new ConsumerGroupDescriber(registry, catalog, consumerConfig.defaultAssignor());
        this.membership = new MembershipService(config, registry, driver, consumerGroups);
        TopicIds ids = topicIds != TopicIds.NONE ? topicIds : TopicIds.of(catalog);
        this.offsets = new OffsetService(config, registry, driver, store, ids, time);
        this.txnOffsets = new TxnOffsetService(config, registry, driver, store, time);
        this.offsetFetch = new OffsetFetchService(registry, ids);
        this.admin = new GroupAdminService(registry, store, driver, time);
        this.expiry = new OffsetExpiry(config, registry, store, time);
        this.deletedTopicOffsets = new DeletedTopicOffsets(registry, store);
    }

    public GroupCoordinatorConfig config() {
        return config;
    }

    /** The {@code __consumer_offsets} partition, and so the coordinator, of a group. */
    public int partitionFor(String groupId) {
        return registry.partitionFor(groupId);
    }

    /** Starts the periodic offset-retention check. */
    public void startup() {
        running = true;
        scheduleExpiry();
    }

    /** Stops timers and lets go of every partition; parked requests are told NOT_COORDINATOR. */
    public void shutdown() {
        running = false;
        Scheduler.Cancellable task = expiryTask;
        if (task != null) {
            task.cancel();
        }
        for (int partition : registry.ownedPartitions()) {
            onResigned(partition);
        }
    }

    /** This broker now leads the offsets partition: load its groups in the background. */
    public void onBecameLeader(int partition) {
        GroupRegistry.OwnedPartition fresh = new GroupRegistry.OwnedPartition(partition);
        GroupRegistry.OwnedPartition previous = registry.startLoading(fresh);
        if (previous != null) {
            unload(previous);
        }
        scheduler.schedule(0, () -> load(fresh));
    }

    /** This broker no longer leads the offsets partition: drop its groups. */
    public void onResigned(int partition) {
        GroupRegistry.OwnedPartition previous = registry.resign(partition);
        if (previous != null) {
            unload(previous);
            log.info("Resigned as coordinator of __consumer_offsets-{}", partition);
        }
    }

    /** Whether the partition is led here and fully loaded. */
    /** Every group of the offsets partitions this broker has loaded, each copied under its own lock. */
    public List<GroupSnapshot> snapshot() {
        List<GroupSnapshot> groups = new ArrayList<>();
        for (ClassicGroup group : registry.loadedGroups()) {
            synchronized (group) {
                Map<TopicPartition, Long> committed = new TreeMap<>(
                        Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
                group.offsets().forEach((tp, offset) -> committed.put(tp, offset.offset()));
                String protocolType = group.protocolType() == null ? "" : group.protocolType();
                groups.add(new GroupSnapshot(group.groupId(), group.state().displayName(), protocolType, group.size(),
                        committed));
            }
        }
        groups.sort(Comparator.comparing(GroupSnapshot::groupId));
        return groups;
    }

    public boolean isLoaded(int partition) {
        return registry.isLoaded(partition);
    }

    public void joinGroup(RequestContext context, Struct request, Responder responder) {
        membership.joinGroup(context, request, responder);
    }

    public void syncGroup(RequestContext context, Struct request, Responder responder) {
        membership.syncGroup(context, request, responder);
    }

    public void heartbeat(RequestContext context, Struct request, Responder responder) {
        membership.heartbeat(context, request, responder);
    }

    public void leaveGroup(RequestContext context, Struct request, Responder responder) {
        membership.leaveGroup(context, request, responder);
    }

    public void offsetCommit(RequestContext context, Struct request, Responder responder) {
        offsets.offsetCommit(context, request, responder);
    }

    /** TxnOffsetCommit: offsets pending in the group until the transaction's marker ends it. */
    public void txnOffsetCommit(RequestContext context, Struct request, Responder responder) {
        txnOffsets.txnOffsetCommit(context, request, responder);
    }

    /**
     * A transaction marker was written to offsets partition {@code partition} (led here): the offsets the
     * producer committed in the transaction become visible (commit) or are dropped (abort).
     */
    public void completeTransaction(int partition, long producerId, boolean commit) {
        txnOffsets.completeTransaction(partition, producerId, commit);
    }

    public void offsetFetch(RequestContext context, Struct request, Responder responder) {
        offsetFetch.offsetFetch(context, request, responder);
    }

    public void offsetDelete(RequestContext context, Struct request, Responder responder) {
        offsets.offsetDelete(context, request, responder);
    }

    /**
     * The topics were deleted (or re-created under a new id): their committed offsets go, so a successor
     * of the same name starts where the group's reset policy says, not at its predecessor's offsets.
     * Returns how many offsets were removed.
     */
    public int onTopicsDeleted(java.util.Set<String> topics) {
        return topics.isEmpty() ? 0 : deletedTopicOffsets.remove(topics);
    }

    public void listGroups(RequestContext context, Struct request, Responder responder) {
        admin.listGroups(context, request, responder);
    }

    public void describeGroups(RequestContext context, Struct request, Responder responder) {
        admin.describeGroups(context, request, responder);
    }

    public void deleteGroups(RequestContext context, Struct request, Responder responder) {
        admin.deleteGroups(context, request, responder);
    }

    public void consumerGroupHeartbeat(RequestContext context, Struct request, Responder responder) {
        consumerGroups.heartbeat(context, request, responder);
    }

    public void consumerGroupDescribe(RequestContext context, Struct request, Responder responder) {
        consumerGroupDescriber.describe(context, request, responder);
    }

    /** The handler of every group API this coordinator serves, for the broker's dispatch table. */
    public Map<ApiKey, RequestHandler> handlers() {
        Map<ApiKey, RequestHandler> handlers = new EnumMap<>(ApiKey.class);
        handlers.put(ApiKey.JOIN_GROUP, this::joinGroup);
        handlers.put(ApiKey.SYNC_GROUP, this::syncGroup);
        handlers.put(ApiKey.HEARTBEAT, this::heartbeat);
        handlers.put(ApiKey.LEAVE_GROUP, this::leaveGroup);
        handlers.put(ApiKey.OFFSET_COMMIT, this::offsetCommit);
        handlers.put(ApiKey.OFFSET_FETCH, this::offsetFetch);
        handlers.put(ApiKey.OFFSET_DELETE, this::offsetDelete);
        handlers.put(ApiKey.LIST_GROUPS, this::listGroups);
        handlers.put(ApiKey.DESCRIBE_GROUPS, this::describeGroups);
        handlers.put(ApiKey.DELETE_GROUPS, this::deleteGroups);
        handlers.put(ApiKey.CONSUMER_GROUP_HEARTBEAT, this::consumerGroupHeartbeat);
        handlers.put(ApiKey.CONSUMER_GROUP_DESCRIBE, this::consumerGroupDescribe);
        return handlers;
    }

    /** Runs one offset-retention pass now; returns how many offsets expired. */
    int expireOffsets() {
        return expiry.expire();
    }

    private void scheduleExpiry() {
        if (running) {
            expiryTask = scheduler.schedule(config.offsetsRetentionCheckIntervalMs(), () -> {
                expireOffsets();
                scheduleExpiry();
            });
        }
    }

    private void load(GroupRegistry.OwnedPartition partition) {
        if (!registry.isCurrent(partition)) {
            return;
        }
        long start = time.hiResMilliseconds();
        try {
            for (ClassicGroup group : GroupLoader.load(offsetsTopic, partition.partition, time.milliseconds())) {
                synchronized (group) {
                    for (GroupMember member : group.members()) {
                        driver.touchSession(group, member);
                    }
                    consumerGroups.onLoaded(group);
                }
                partition.groups.put(group.groupId(), group);
            }
        } catch (RuntimeException e) {
            log.error("Failed to load __consumer_offsets-{}; its groups stay unavailable until leadership moves again",
                    partition.partition, e);
            return;
        }
        partition.loaded = true;
        if (!registry.isCurrent(partition)) {
            unload(partition); // resigned while loading
            return;
        }
        log.info("Loaded {} groups from __consumer_offsets-{} in {} ms", partition.groups.size(), partition.partition,
                time.hiResMilliseconds() - start);
    }

    private void unload(GroupRegistry.OwnedPartition partition) {
        for (ClassicGroup group : partition.groups.values()) {
            Outbox out = new Outbox();
            synchronized (group) {
                if (!group.is(GroupState.DEAD)) {
                    driver.unload(group, out);
                    consumerGroups.unload(group);
                }
            }
            out.flush();
        }
        partition.groups.clear();
    }
}
