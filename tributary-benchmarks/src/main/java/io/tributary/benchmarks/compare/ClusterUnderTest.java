package io.tributary.benchmarks.compare;

import io.tributary.benchmarks.compare.SystemUnderTest.LaunchException;
import java.io.IOException;
import java.util.Optional;

/**
 * A broker product the cluster comparison can start as several brokers on one machine. As with
 * {@link SystemUnderTest}, every measurement is taken from outside the processes, identically for all.
 */
public interface ClusterUnderTest {

    /** Short name used in the report, e.g. {@code kafka}. */
    String name();

    /** One-time, untimed preparation of fresh broker directories (configs, storage format). */
    void prepare(ClusterSpec spec) throws LaunchException, IOException, InterruptedException;

    /**
     * Starts the process the brokers depend on, if any (a ZooKeeper), and returns once it serves. On failure
     * the implementation kills what it started before throwing.
     */
    Optional<ProcessTree> startDependency(ClusterSpec spec) throws LaunchException, IOException, InterruptedException;

    /** Spawns broker {@code id} of the cluster; returns as soon as the process exists. */
    ProcessTree spawnBroker(ClusterSpec spec, int id) throws IOException;
}
