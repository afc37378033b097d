package io.tributary.benchmarks.compare;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A started process together with everything it started. A system under test may be launched through a
 * shell script that does not {@code exec} its JVM, so the broker's cost is the sum over the whole tree and
 * a stop signal goes to every member. Not thread-safe; owned by the round that started it.
 */
public final class ProcessTree {

    private final Process root;

    public ProcessTree(Process root) {
        this.root = root;
    }

    public long pid() {
        return root.pid();
    }

    public boolean isAlive() {
        return root.isAlive();
    }

    public Process root() {
        return root;
    }

    /** CPU time used so far by the root and all its living descendants, in nanoseconds. */
    public long cpuNanos() {
        return members().mapToLong(p -> ProcStat.cpuNanos(p.pid())).sum();
    }

    public long rssBytes() {
        return members().mapToLong(p -> ProcStat.rssBytes(p.pid())).sum();
    }

    public long peakRssBytes() {
        return members().mapToLong(p -> ProcStat.peakRssBytes(p.pid())).sum();
    }

    /**
     * Sends SIGTERM to every member and waits for the root to exit.
     *
     * @return whether the whole tree was gone within the timeout
     */
    public boolean terminate(Duration timeout) throws InterruptedException {
        List<ProcessHandle> all = members().toList();
        all.forEach(ProcessHandle::destroy);
        boolean exited = root.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return exited && all.stream().noneMatch(ProcessHandle::isAlive);
    }

    /** SIGKILL to every member; used when a graceful stop timed out and at harness exit. */
    public void kill() {
        List<ProcessHandle> all = members().toList();
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> p).join();
        }
    }

    private Stream<ProcessHandle> members() {
        ProcessHandle handle = root.toHandle();
        return Stream.concat(Stream.of(handle), handle.descendants()).filter(ProcessHandle::isAlive);
    }
}
