package io.tributary.broker.group;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A stand-in for the replicated {@code __consumer_offsets} log until the real one is wired in: keeps
 * each partition's batches in memory, assigns offsets in place like the log, and can hold appends
 * uncommitted to show that answers wait for durability. Survives a coordinator "restart" because
 * tests hand the same instance to the next coordinator. Thread-safe.
 */
public final class InMemoryOffsetsTopic implements OffsetsTopic {

    private final Map<Integer, List<ByteBuffer>> partitions = new HashMap<>();
    private final Map<Integer, Long> nextOffsets = new HashMap<>();
    private final List<Runnable> held = new ArrayList<>();
    private boolean holding;
    private RuntimeException failure;

    @Override
    public CompletableFuture<Long> append(int partition, ByteBuffer recordBatch) {
        CompletableFuture<Long> committed = new CompletableFuture<>();
        Runnable commit;
        synchronized (this) {
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            ByteBuffer copy = ByteBuffer.allocate(recordBatch.remaining()).put(recordBatch.duplicate()).flip();
            long base = nextOffsets.getOrDefault(partition, 0L);
            int records = copy.getInt(57);
            copy.putLong(0, base);
            nextOffsets.put(partition, base + records);
            partitions.computeIfAbsent(partition, p -> new ArrayList<>()).add(copy);
            long last = base + records - 1;
            commit = () -> committed.complete(last);
            if (holding) {
                held.add(commit);
                return committed;
            }
        }
        commit.run();
        return committed;
    }

    @Override
    public synchronized void readAll(int partition, Consumer<ByteBuffer> batches) {
        for (ByteBuffer batch : partitions.getOrDefault(partition, List.of())) {
            batches.accept(batch.duplicate());
        }
    }

    /** From now on appends stay uncommitted until {@link #release()}. */
    synchronized void hold() {
        holding = true;
    }

    /** Commits every held append, in order. */
    void release() {
        List<Runnable> commits;
        synchronized (this) {
            holding = false;
            commits = new ArrayList<>(held);
            held.clear();
        }
        commits.forEach(Runnable::run);
    }

    synchronized void failAppends(RuntimeException error) {
        this.failure = error;
    }

    synchronized int batchCount(int partition) {
        return partitions.getOrDefault(partition, List.of()).size();
    }
}
