package io.tributary.broker.metadata;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's {@code state.change.logger}: one line per partition leader or ISR change, whether this broker made it
 * (as controller or ISR manager) or applied it (as replica), so config/log4j2.xml can route them all to
 * state-change.log. Stateless; safe on any thread.
 */
public final class StateChangeLog {

    /** The logger name operators and Kafka's log4j configurations already use. */
    public static final String LOGGER_NAME = "state.change.logger";

    public static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private StateChangeLog() {
    }
}
