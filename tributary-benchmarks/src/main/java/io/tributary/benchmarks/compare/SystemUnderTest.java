package io.tributary.benchmarks.compare;

import java.io.IOException;

/**
 * A broker product the comparison can start: Apache Kafka or Tributary. Adding a system means writing how it
 * is configured and launched; every measurement is taken from outside the process, identically for all.
 */
public interface SystemUnderTest {

    /** Short name used in the report, e.g. {@code kafka}. */
    String name();

    /**
     * One-time, untimed preparation of a fresh broker directory (write the config, format storage).
     *
     * @throws LaunchException when the system cannot be prepared, with a message saying why
     */
    void prepare(BrokerSpec spec) throws LaunchException, IOException, InterruptedException;

    /** Spawns the broker; returns as soon as the process exists. Cold start is timed from here. */
    ProcessTree spawn(BrokerSpec spec) throws LaunchException, IOException;

    /** Failure to prepare or start a system; the comparison reports it and carries on with the others. */
    final class LaunchException extends Exception {
        public LaunchException(String message) {
            super(message);
        }
    }
}
