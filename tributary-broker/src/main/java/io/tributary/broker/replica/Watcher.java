package io.tributary.broker.replica;

/** Something waiting on partitions: re-evaluated on each change until it is done. */
public interface Watcher {

    boolean isDone();

    /** Called after a change of a watched partition; must not block. */
    void onChange();
}
