package io.tributary.broker.replica;

import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.worker.PollWorker;
import io.tributary.broker.worker.WorkerThread;
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
 * path. Both are synchronized on this object. The fetchers own no thread: a {@link FetcherRunner}
 * runs each (a {@link WorkerThread} in production), and never calls back in.
 */
public final class ReplicaFetcherManager implements ReplicaManager.RoleListener, AutoCloseable {

    /** Runs a fetcher until stopped: gives it a thread, or hands it to a test's loop. */
    public interface FetcherRunner {
        Running run(String name, PollWorker fetcher);
    }

    /** A running fetcher; {@code stop} waits up to {@code waitMs} (0: not at all) for its current round. */
    public interface Running {
        void stop(long waitMs);
    }

    private final int localBrokerId;
    private final ReplicaTransport transport;
    private final ReplicaFetcher.FetcherConfig config;
    private final Time time;
    private final FetcherRunner runner;
    private final Map<Integer, ReplicaFetcher> fetchers = new HashMap<>();
    private final Map<Integer, Running> running = new HashMap<>();
    private boolean closed;

    /**
     * Fetches over the network, one {@link WorkerThread} per leader broker.
     *
     * @param endpoints the listener endpoint of a live broker id, or null if it is not registered
     */
    public ReplicaFetcherManager(int localBrokerId, IntFunction<Endpoint> endpoints, int socketTimeoutMs,
                                 InterBrokerSecurity security, Time time) {
        this(localBrokerId, new NetworkReplicaTransport(localBrokerId, endpoints, socketTimeoutMs, security), 500, time,
                (name, fetcher) -> new WorkerThread(name, fetcher, time, 2_000).start()::stop);
    }

    /**
     * @param maxWaitMs how long the leader may hold a fetch with nothing new (0 for a transport that
     *                  answers in the caller's step, as in the simulation)
     */
    public ReplicaFetcherManager(int localBrokerId, ReplicaTransport transport, int maxWaitMs, Time time,
                                 FetcherRunner runner) {
        this.localBrokerId = localBrokerId;
        this.transport = transport;
        this.config = new ReplicaFetcher.FetcherConfig(maxWaitMs, 1, 10 * 1024 * 1024, 1024 * 1024, 0);
        this.time = time;
        this.runner = runner;
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
            ReplicaFetcher created = new ReplicaFetcher(localBrokerId, id, transport, config, time);
            running.put(id, runner.run(created.name(), created));
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
                running.remove(entry.getKey()).stop(0);
                return true;
            }
            return false;
        });
    }

    @Override
    public synchronized void close() {
        closed = true;
        running.values().forEach(r -> r.stop(2_000));
        running.clear();
        fetchers.clear();
    }
}
