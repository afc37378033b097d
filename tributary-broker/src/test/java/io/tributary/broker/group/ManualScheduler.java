package io.tributary.broker.group;

import io.tributary.common.MockTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link Scheduler} driven by a {@link MockTime}: tasks run on the test thread when the test moves
 * time past their due time, in due-time order. Thread-safe for scheduling.
 */
public final class ManualScheduler implements Scheduler {

    private record Task(long dueMs, long sequence, Runnable action, boolean[] cancelled) {
    }

    private final MockTime time;
    private final List<Task> tasks = new ArrayList<>();
    private long sequence;

    public ManualScheduler(MockTime time) {
        this.time = time;
    }

    @Override
    public synchronized Cancellable schedule(long delayMs, Runnable action) {
        boolean[] cancelled = {false};
        tasks.add(new Task(time.hiResMilliseconds() + Math.max(0, delayMs), sequence++, action, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Runs the tasks already due. */
    public void runDue() {
        advance(0);
    }

    /** Moves time forward by {@code ms}, running each task at its due time. */
    public void advance(long ms) {
        long target = time.hiResMilliseconds() + ms;
        while (true) {
            Task next;
            synchronized (this) {
                tasks.removeIf(task -> task.cancelled()[0]);
                next = tasks.stream().filter(task -> task.dueMs() <= target)
                        .min(Comparator.comparingLong(Task::dueMs).thenComparingLong(Task::sequence)).orElse(null);
                if (next != null) {
                    tasks.remove(next);
                }
            }
            if (next == null) {
                break;
            }
            long now = time.hiResMilliseconds();
            if (next.dueMs() > now) {
                time.sleep(next.dueMs() - now);
            }
            next.action().run();
        }
        long now = time.hiResMilliseconds();
        if (target > now) {
            time.sleep(target - now);
        }
    }
}
