package io.tributary.broker.metadata;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Runs a callback once the cluster image satisfies a condition, or when a deadline passes,
 * whichever comes first: how admin requests wait for the controller's work without parking a
 * thread. Conditions are checked on the metadata thread; callbacks run there or on the timer.
 */
public final class ImageWaiter implements ClusterImageListener {

    private record Waiter(Predicate<ClusterImage> condition, Runnable callback, AtomicBoolean done) {
    }

    private final MetadataCache metadata;
    private final ScheduledExecutorService timer;
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();

    public ImageWaiter(MetadataCache metadata, ScheduledExecutorService timer) {
        this.metadata = metadata;
        this.timer = timer;
        metadata.addListener(this);
    }

    public void await(Predicate<ClusterImage> condition, long timeoutMs, Runnable callback) {
        Waiter waiter = new Waiter(condition, callback, new AtomicBoolean());
        waiters.add(waiter);
        timer.schedule(() -> fire(waiter), Math.max(0, timeoutMs), TimeUnit.MILLISECONDS);
        metadata.runOnMetadataThread(() -> {
            if (condition.test(metadata.image())) {
                fire(waiter);
            }
        });
    }

    @Override
    public void onImage(ClusterImage previous, ClusterImage current) {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (waiter.done().get() || waiter.condition().test(current)) {
                fire(waiter);
            }
        }
    }

    private void fire(Waiter waiter) {
        if (waiter.done().compareAndSet(false, true)) {
            waiters.remove(waiter);
            waiter.callback().run();
        }
    }
}
