package io.tributary.tools.perf;

import io.tributary.common.Time;

/**
 * Paces a sender to {@code recordsPerSec} by sleeping until record {@code n} is due at {@code start + n / rate}.
 * A non-positive rate means unthrottled. Not thread-safe; used by the sending thread only.
 */
public final class Throttle {

    private final double recordsPerSec;
    private final Time time;
    private final long startNanos;

    public Throttle(double recordsPerSec, Time time) {
        this.recordsPerSec = recordsPerSec;
        this.time = time;
        this.startNanos = time.nanoseconds();
    }

    /** How long to wait before sending record number {@code sent} (0-based); zero when it is already due. */
    public long delayNanos(long sent) {
        if (recordsPerSec <= 0) {
            return 0;
        }
        long dueNanos = startNanos + (long) (sent / recordsPerSec * 1_000_000_000L);
        return Math.max(0, dueNanos - time.nanoseconds());
    }

    /** Sleeps until record {@code sent} is due. */
    public void await(long sent) throws InterruptedException {
        long delay = delayNanos(sent);
        if (delay > 0) {
            Thread.sleep(delay / 1_000_000L, (int) (delay % 1_000_000L));
        }
    }
}
