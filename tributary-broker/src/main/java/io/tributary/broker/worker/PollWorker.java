package io.tributary.broker.worker;

/**
 * A component that owns no thread: whoever runs it calls {@link #doWork} repeatedly, and the
 * component first drains the commands queued for it, then does the timed work due at
 * {@code nowMs}. A {@link WorkerThread} runs one in production; tests and the simulation call
 * {@code doWork} themselves, step by step.
 *
 * <p>Threading: {@code doWork} is called by one thread at a time; commands may be queued from any.
 */
public interface PollWorker {

    /** Drains queued commands and does the work due at {@code nowMs}. */
    void doWork(long nowMs);

    /**
     * When {@code doWork} next has timed work (monotonic ms), {@link Long#MAX_VALUE} if none; a runner
     * may sleep until then unless {@link #setWakeup woken} by a new command.
     */
    long nextWakeupMs(long nowMs);

    /** Called by the worker whenever a command is queued, so a sleeping runner comes back at once. */
    void setWakeup(Runnable wakeup);

    /** Called once after the last {@code doWork}, on the same thread: release connections and the like. */
    default void onStop() {
    }
}
