package io.tributary.broker.group;

import static io.tributary.broker.group.GroupState.COMPLETING_REBALANCE;
import static io.tributary.broker.group.GroupState.DEAD;
import static io.tributary.broker.group.GroupState.EMPTY;
import static io.tributary.broker.group.GroupState.PREPARING_REBALANCE;
import static io.tributary.broker.group.GroupState.STABLE;

import io.tributary.broker.network.Responder;
import io.tributary.common.Time;
import io.tributary.protocol.Errors;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves classic groups through their rebalance: prepares a rebalance, completes the join phase when
 * every member has rejoined (or the rebalance timeout, or a new group's initial delay, expires),
 * persists the leader's assignment and completes the sync phase, and expires members whose session
 * lapsed. Parked JoinGroup and SyncGroup responders are completed from here.
 *
 * <p>Threading: every method taking a group is called with that group's monitor held and leaves
 * responses and storage follow-ups in the given {@link Outbox}; timer callbacks take the monitor
 * themselves and flush their own outbox after releasing it.
 */
final class RebalanceDriver {

    private static final Logger log = LoggerFactory.getLogger(RebalanceDriver.class);

    private final GroupCoordinatorConfig config;
    private final Time time;
    private final Scheduler scheduler;
    private final GroupStore store;
    private final GroupRegistry registry;

    RebalanceDriver(GroupCoordinatorConfig config, Time time, Scheduler scheduler, GroupStore store, GroupRegistry registry) {
        this.config = config;
        this.time = time;
        this.scheduler = scheduler;
        this.store = store;
        this.registry = registry;
    }

    /** Adds a joining member, parks its JoinGroup, and starts or continues a rebalance. */
    void addMemberAndRebalance(ClassicGroup group, GroupMember member, Responder responder, Outbox out) {
        member.awaitingJoin(responder);
        group.add(member);
        if (group.is(PREPARING_REBALANCE) && group.inInitialDelay()) {
            group.newMemberAdded(true);
        }
        touchSession(group, member);
        maybePrepareRebalance(group, out);
    }

    /** A known member rejoins (possibly with new protocols): park its JoinGroup and rebalance. */
    void updateMemberAndRebalance(ClassicGroup group, GroupMember member, Responder responder, Outbox out) {
        Responder previous = member.awaitingJoin();
        if (previous != null && previous != responder) {
            out.send(previous, GroupResponses.joinError(Errors.REBALANCE_IN_PROGRESS.code(), member.memberId()));
        }
        member.awaitingJoin(responder);
        touchSession(group, member);
        maybePrepareRebalance(group, out);
    }

    void maybePrepareRebalance(ClassicGroup group, Outbox out) {
        if (group.is(STABLE) || group.is(COMPLETING_REBALANCE) || group.is(EMPTY)) {
            prepareRebalance(group, out);
        } else {
            tryCompleteJoin(group, out);
        }
    }

    /** Enters PreparingRebalance and arms the timer that ends the join phase at the latest. */
    void prepareRebalance(ClassicGroup group, Outbox out) {
        if (group.is(COMPLETING_REBALANCE)) {
            failAwaitingSync(group, Errors.REBALANCE_IN_PROGRESS.code(), out);
        }
        boolean newGroup = group.is(EMPTY);
        group.transitionTo(PREPARING_REBALANCE, time.milliseconds());
        int epoch = group.nextRebalanceEpoch();
        int initialDelay = config.initialRebalanceDelayMs();
        if (newGroup && initialDelay > 0) {
            group.inInitialDelay(true);
            group.newMemberAdded(false);
            long remaining = Math.max(group.rebalanceTimeoutMs() - initialDelay, 0);
            group.rebalanceTimer(scheduler.schedule(initialDelay, () -> onInitialDelay(group, epoch, remaining)));
        } else {
            group.rebalanceTimer(scheduler.schedule(group.rebalanceTimeoutMs(), () -> onRebalanceTimeout(group, epoch)));
        }
        log.debug("{} preparing rebalance", group);
        tryCompleteJoin(group, out);
    }

    /** Completes the join phase early once every member (and no pending one) has rejoined. */
    void tryCompleteJoin(ClassicGroup group, Outbox out) {
        if (group.is(PREPARING_REBALANCE) && !group.inInitialDelay() && group.allMembersJoined()) {
            completeJoin(group, out);
        }
    }

    /** A new group's initial delay ran out: wait once more if members keep arriving, else complete. */
    private void onInitialDelay(ClassicGroup group, int epoch, long remaining) {
        Outbox out = new Outbox();
        synchronized (group) {
            if (!group.isCurrentRebalanceEpoch(epoch) || !group.is(PREPARING_REBALANCE)) {
                return;
            }
            int initialDelay = config.initialRebalanceDelayMs();
            if (group.newMemberAdded() && remaining > 0) {
                group.newMemberAdded(false);
                long delay = Math.min(initialDelay, remaining);
                long left = Math.max(remaining - initialDelay, 0);
                int next = group.nextRebalanceEpoch();
                group.rebalanceTimer(scheduler.schedule(delay, () -> onInitialDelay(group, next, left)));
            } else {
                completeJoin(group, out);
            }
        }
        out.flush();
    }

    private void onRebalanceTimeout(ClassicGroup group, int epoch) {
        Outbox out = new Outbox();
        synchronized (group) {
            if (group.isCurrentRebalanceEpoch(epoch) && group.is(PREPARING_REBALANCE)) {
                completeJoin(group, out);
            }
        }
        out.flush();
    }

    /**
     * Ends the join phase: members that did not rejoin are removed, the next generation starts and
     * every rejoined member gets its JoinGroup answer.
     */
    private void completeJoin(ClassicGroup group, Outbox out) {
        group.cancelRebalanceTimer();
        group.inInitialDelay(false);
        for (GroupMember member : List.copyOf(group.members())) {
            if (!member.isAwaitingJoin()) {
                log.info("Removing member {} of {}: it did not rejoin within the rebalance timeout", member.memberId(), group);
                removeMember(group, member, out);
            }
        }
        group.initNextGeneration(time.milliseconds());
        if (group.is(EMPTY)) {
            log.info("{} is empty", group);
            CompletableFuture<Long> stored = store.storeGroup(group, Map.of());
            out.afterUnlock(() -> stored.whenComplete((offset, error) -> logStoreFailure(group, error)));
            return;
        }
        log.info("{} completed its join phase with {} members, protocol {}", group, group.size(), group.protocolName());
        for (GroupMember member : group.members()) {
            out.send(member.awaitingJoin(), GroupResponses.joinSuccess(group, member.memberId(), group.isLeader(member.memberId())));
            member.awaitingJoin(null);
            touchSession(group, member);
        }
    }

    /**
     * Persists the leader's assignment for the current generation; when durable the group becomes
     * Stable and every member waiting in SyncGroup gets its share.
     */
    void storeAssignments(ClassicGroup group, Map<String, byte[]> assignments, Outbox out) {
        int generation = group.generationId();
        CompletableFuture<Long> stored = store.storeGroup(group, assignments);
        out.afterUnlock(() -> stored.whenComplete((offset, error) -> onAssignmentsStored(group, generation, assignments, error)));
    }

    private void onAssignmentsStored(ClassicGroup group, int generation, Map<String, byte[]> assignments, Throwable error) {
        Outbox out = new Outbox();
        synchronized (group) {
            if (group.generationId() != generation || !group.is(COMPLETING_REBALANCE)) {
                return; // superseded by a newer rebalance or unloaded; those paths answered the members
            }
            if (error != null) {
                logStoreFailure(group, error);
                failAwaitingSync(group, storeError(group), out);
                prepareRebalance(group, out);
            } else {
                for (GroupMember member : group.members()) {
                    member.assignment(assignments.get(member.memberId()));
                    if (member.awaitingSync() != null) {
                        out.send(member.awaitingSync(), GroupResponses.sync(Errors.NONE.code(), group, member.assignment()));
                        member.awaitingSync(null);
                    }
                    touchSession(group, member);
                }
                group.transitionTo(STABLE, time.milliseconds());
                log.info("{} is stable", group);
            }
        }
        out.flush();
    }

    /** Why a write to the offsets log failed, as clients should hear it. */
    short storeError(ClassicGroup group) {
        return registry.coordinatorError(group.groupId()) == Errors.NOT_COORDINATOR.code()
                ? Errors.NOT_COORDINATOR.code() : Errors.COORDINATOR_NOT_AVAILABLE.code();
    }

    private void failAwaitingSync(ClassicGroup group, short error, Outbox out) {
        for (GroupMember member : group.members()) {
            member.assignment(null);
            if (member.awaitingSync() != null) {
                out.send(member.awaitingSync(), GroupResponses.syncError(error));
                member.awaitingSync(null);
            }
        }
    }

    /** Removes a member without rebalancing; its parked requests learn it is gone. */
    void removeMember(ClassicGroup group, GroupMember member, Outbox out) {
        group.remove(member.memberId());
        retire(member, Errors.UNKNOWN_MEMBER_ID.code(), out);
    }

    /** Stops a member's session timer and answers its parked requests with {@code error}. */
    void retire(GroupMember member, short error, Outbox out) {
        cancelSession(member);
        answerParked(member, error, out);
    }

    /** After members left or expired: rebalance the rest, or finish a join phase now complete. */
    void onMembersRemoved(ClassicGroup group, Outbox out) {
        if (group.is(STABLE) || group.is(COMPLETING_REBALANCE)) {
            prepareRebalance(group, out);
        } else if (group.is(PREPARING_REBALANCE)) {
            tryCompleteJoin(group, out);
        }
    }

    /** KIP-394: a member told its id must rejoin with it within its session timeout. */
    void addPendingMember(ClassicGroup group, String memberId, int sessionTimeoutMs) {
        group.addPending(memberId);
        scheduler.schedule(sessionTimeoutMs, () -> onPendingExpired(group, memberId));
    }

    private void onPendingExpired(ClassicGroup group, String memberId) {
        Outbox out = new Outbox();
        synchronized (group) {
            if (group.removePending(memberId)) {
                log.debug("Pending member {} of {} did not rejoin", memberId, group);
                tryCompleteJoin(group, out);
                dropIfUnused(group);
            }
        }
        out.flush();
    }

    /** Restarts the member's session: it must be heard from again within its session timeout. */
    void touchSession(ClassicGroup group, GroupMember member) {
        member.sessionDeadlineMs(time.hiResMilliseconds() + member.sessionTimeoutMs());
        if (member.sessionTimer() == null) {
            armSession(group, member, member.sessionTimeoutMs());
        }
    }

    private void armSession(ClassicGroup group, GroupMember member, long delayMs) {
        member.sessionTimer(scheduler.schedule(delayMs, () -> onSessionTimer(group, member)));
    }

    /**
     * The timer is armed once and re-armed lazily to the latest deadline, so a heartbeat costs no
     * scheduling. Members waiting in JoinGroup or SyncGroup are waiting on the coordinator, not dead.
     */
    private void onSessionTimer(ClassicGroup group, GroupMember member) {
        Outbox out = new Outbox();
        synchronized (group) {
            if (group.member(member.memberId()) != member) {
                return;
            }
            member.sessionTimer(null);
            long now = time.hiResMilliseconds();
            if (member.isAwaitingJoin() || member.awaitingSync() != null) {
                touchSession(group, member);
            } else if (now < member.sessionDeadlineMs()) {
                armSession(group, member, member.sessionDeadlineMs() - now);
            } else {
                log.info("Member {} of {} expired: no heartbeat within {} ms", member.memberId(), group, member.sessionTimeoutMs());
                removeMember(group, member, out);
                onMembersRemoved(group, out);
            }
        }
        out.flush();
    }

    private static void cancelSession(GroupMember member) {
        if (member.sessionTimer() != null) {
            member.sessionTimer().cancel();
            member.sessionTimer(null);
        }
    }

    private static void answerParked(GroupMember member, short error, Outbox out) {
        if (member.awaitingJoin() != null) {
            out.send(member.awaitingJoin(), GroupResponses.joinError(error, member.memberId()));
            member.awaitingJoin(null);
        }
        if (member.awaitingSync() != null) {
            out.send(member.awaitingSync(), GroupResponses.syncError(error));
            member.awaitingSync(null);
        }
    }

    /** Forgets a group that holds nothing: no members, no pending joins, no offsets, no generation. */
    void dropIfUnused(ClassicGroup group) {
        if (group.is(EMPTY) && group.size() == 0 && group.pendingCount() == 0 && group.offsets().isEmpty()
                && group.generationId() == 0 && group.consumerGroup() == null) {
            group.transitionTo(DEAD, time.milliseconds());
            registry.remove(group);
        }
    }

    /** The partition moved away: stop the group's timers and send its parked requests elsewhere. */
    void unload(ClassicGroup group, Outbox out) {
        group.cancelRebalanceTimer();
        for (GroupMember member : group.members()) {
            retire(member, Errors.NOT_COORDINATOR.code(), out);
        }
        group.transitionTo(DEAD, time.milliseconds());
    }

    private static void logStoreFailure(ClassicGroup group, Throwable error) {
        if (error != null) {
            log.warn("Failed to write the metadata of {} to __consumer_offsets", group, error);
        }
    }
}
