package io.tributary.common;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to; for tests. Thread-safe. */
public final class MockTime implements Time {

    private final AtomicLong nanos;
    private final long wallClockOffsetMs;

    public MockTime() {
        this(1_700_000_000_000L);
    }

    public MockTime(long startWallClockMs) {
        this.nanos = new AtomicLong(0);
        this.wallClockOffsetMs = startWallClockMs;
    }

    @Override
    public long milliseconds() {
        return wallClockOffsetMs + TimeUnit.NANOSECONDS.toMillis(nanos.get());
    }

    @Override
    public long nanoseconds() {
        return nanos.get();
    }

    public void sleep(long ms) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }
}
