package io.tributary.broker.worker;

import io.tributary.common.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread a {@link PollWorker} runs on in production: calls {@code doWork} with the time, then
 * sleeps until the worker's next timed work or until a command wakes it. A worker's failure is
 * logged and the loop goes on after a short pause, as the workers' own retry rules expect.
 *
 * <p>Threading: started and stopped by its owner; {@link #close} does not interrupt the thread,
 * because an interrupt during a log append would close the segment's FileChannel. It waits up to
 * the given time for the current {@code doWork} to return.
 */
public final class WorkerThread implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerThread.class);
    private static final long MAX_SLEEP_MS = 1_000;
    private static final long FAILURE_PAUSE_MS = 200;

    private final PollWorker worker;
    private final Time time;
    private final Thread thread;
    private final long joinMs;
    private volatile boolean running = true;
    private boolean woken;

    public WorkerThread(String name, PollWorker worker, Time time, long joinMs) {
        this.worker = worker;
        this.time = time;
        this.joinMs = joinMs;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        worker.setWakeup(this::wakeup);
    }

    public WorkerThread start() {
        thread.start();
        return this;
    }

    public void wakeup() {
        synchronized (this) {
            woken = true;
            notifyAll();
        }
    }

    private void run() {
        try {
            loop();
        } finally {
            worker.onStop();
        }
    }

    private void loop() {
        while (running) {
            long pauseMs = 0;
            try {
                worker.doWork(time.hiResMilliseconds());
            } catch (RuntimeException e) {
                log.warn("{} failed; retrying", thread.getName(), e);
                pauseMs = FAILURE_PAUSE_MS;
            }
            synchronized (this) {
                long now = time.hiResMilliseconds();
                long sleepMs = Math.max(pauseMs, Math.min(MAX_SLEEP_MS, worker.nextWakeupMs(now) - now));
                if (running && !woken && sleepMs > 0) {
                    try {
                        wait(sleepMs);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                woken = false;
            }
        }
    }

    @Override
    public void close() {
        stop(joinMs);
    }

    /** Stops the loop after the current {@code doWork}; waits up to {@code waitMs} (0: not at all) for it. */
    public void stop(long waitMs) {
        running = false;
        wakeup();
        if (waitMs > 0 && Thread.currentThread() != thread) {
            try {
                thread.join(waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
