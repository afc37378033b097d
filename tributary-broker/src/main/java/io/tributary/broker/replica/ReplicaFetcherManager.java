package io.tributary.broker.replica;

import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Keeps one {@link ReplicaFetcher} per leader broker this broker follows partitions of, in line
 * with the roles the ReplicaManager derives from the partition state znodes: becoming a follower
 * moves the partition to its leader's fetcher (which first truncates to the leader's epoch
 * boundary), becoming leader or losing the replica stops fetching it, and a fetcher with nothing
 * left to fetch is stopped.
 *
 * <p>Threading: role callbacks arrive on the metadata thread; {@link #close} runs on the shutdown
 * path. Both are synchronized on this object; the fetchers' own threads never call back in.
 */
public final class ReplicaFetcherManager implements ReplicaManager.RoleListener, AutoCloseable {

    private final int localBrokerId;
    private final IntFunction<Endpoint> endpoints;
    private final ReplicaFetcher.FetcherConfig config;
    private final Time time;
    private final Map<Integer, ReplicaFetcher> fetchers = new HashMap<>();
    private boolean closed;

    /**
     * @param endpoints the listener endpoint of a live broker id, or null if it is not registered
     */
    public ReplicaFetcherManager(int localBrokerId, IntFunction<Endpoint> endpoints, int socketTimeoutMs,
                                 InterBrokerSecurity security, Time time) {
        this.localBrokerId = localBrokerId;
        this.endpoints = endpoints;
        this.config = new ReplicaFetcher.FetcherConfig(500, 1, 10 * 1024 * 1024, 1024 * 1024, socketTimeoutMs, security);
        this.time = time;
    }

    @Override
    public synchronized void onBecomeLeader(Partition partition) {
        stopFetching(partition.topicPartition(), -1);
    }

    @Override
    public synchronized void onBecomeFollower(Partition partition, int leaderId) {
        TopicPartition tp = partition.topicPartition();
        if (closed || leaderId < 0 || leaderId == localBrokerId) {
            stopFetching(tp, -1);
            return;
        }
        // Re-adding replaces the old state, so a new epoch of the same leader truncates again.
        fetchers.computeIfAbsent(leaderId, id -> {
            ReplicaFetcher created = new ReplicaFetcher(localBrokerId, id, endpoints, config, time);
            created.start();
            return created;
        }).add(partition, partition.leaderEpoch());
        stopFetching(tp, leaderId);
    }

    @Override
    public synchronized void onRemoved(TopicPartition partition) {
        stopFetching(partition, -1);
    }

    /** Whether some fetcher is copying this partition (for tests and diagnostics). */
    public synchronized boolean isFetching(TopicPartition tp) {
        return fetchers.values().stream().anyMatch(f -> f.follows(tp));
    }

    /** Stops fetching {@code tp} from every leader but {@code exceptLeader}; stops idle fetchers. */
    private void stopFetching(TopicPartition tp, int exceptLeader) {
        fetchers.entrySet().removeIf(entry -> {
            if (entry.getKey() == exceptLeader) {
                return false;
            }
            ReplicaFetcher fetcher = entry.getValue();
            fetcher.remove(tp);
            if (fetcher.isEmpty()) {
                fetcher.shutdown(0);
                return true;
            }
            return false;
        });
    }

    @Override
    public synchronized void close() {
        closed = true;
        fetchers.values().forEach(f -> f.shutdown(2_000));
        fetchers.clear();
    }
}
