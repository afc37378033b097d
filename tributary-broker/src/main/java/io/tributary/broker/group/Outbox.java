package io.tributary.broker.group;

import io.tributary.broker.network.Responder;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a locked section decided to do outside the lock: responses to send and follow-ups (such as
 * waiting on an append) that may re-enter the group's lock. Filled under a group's monitor, flushed
 * after releasing it, so no responder or storage callback ever runs inside a group lock. Not
 * thread-safe; one per request or timer event.
 */
final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final List<Runnable> actions = new ArrayList<>();

    void send(Responder responder, Struct response) {
        actions.add(() -> responder.send(response));
    }

    void afterUnlock(Runnable action) {
        actions.add(action);
    }

    /** Runs everything collected, in order; one failure does not stop the rest. */
    void flush() {
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.error("Failed to complete a group request", e);
            }
        }
        actions.clear();
    }
}
