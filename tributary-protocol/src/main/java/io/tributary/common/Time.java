package io.tributary.common;

/**
 * The source of time for everything that schedules, expires or stamps. Core code asks a {@code Time}
 * instead of the system clock so tests can move time deterministically.
 */
public interface Time {

    Time SYSTEM = new SystemTime();

    /** Wall-clock milliseconds since the epoch, for timestamps stored or sent on the wire. */
    long milliseconds();

    /** Monotonic nanoseconds, for measuring intervals and deadlines. */
    long nanoseconds();

    default long hiResMilliseconds() {
        return nanoseconds() / 1_000_000L;
    }
}
