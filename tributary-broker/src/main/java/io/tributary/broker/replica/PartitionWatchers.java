package io.tributary.broker.replica;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Operations waiting for a partition to change (its high watermark or log end moved, its
 * leadership changed): delayed fetches and acks=all produces. A watcher stays registered until it
 * reports itself done; finished watchers are dropped on the next change, so a long poll on a quiet
 * partition leaves nothing behind once it completes. Thread-safe.
 */
final class PartitionWatchers {

    private final ConcurrentLinkedQueue<Watcher> watchers = new ConcurrentLinkedQueue<>();

    void watch(Watcher watcher) {
        if (watchers.size() > 256) {
            watchers.removeIf(Watcher::isDone);
        }
        watchers.add(watcher);
    }

    void fire() {
        for (Iterator<Watcher> it = watchers.iterator(); it.hasNext(); ) {
            Watcher watcher = it.next();
            if (!watcher.isDone()) {
                watcher.onChange();
            }
            if (watcher.isDone()) {
                it.remove();
            }
        }
    }
}
