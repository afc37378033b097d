package io.tributary.broker.group;

/**
 * Runs a task after a delay measured on the coordinator's {@link io.tributary.common.Time}. Tasks run
 * on the scheduler's own thread(s) and must not block; they may run concurrently with request
 * handlers, so they take the same locks handlers do.
 */
public interface Scheduler {

    /** Runs {@code task} once, {@code delayMs} (≥ 0) from now, unless cancelled first. */
    Cancellable schedule(long delayMs, Runnable task);

    /** A scheduled task; cancelling one that already ran or was cancelled does nothing. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
