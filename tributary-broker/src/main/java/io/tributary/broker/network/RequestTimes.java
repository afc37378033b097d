package io.tributary.broker.network;

/**
 * The {@link io.tributary.common.Time#nanoseconds()} moments of one request, with Kafka's names for the spans
 * between them (the same as kafka.network:type=RequestMetrics): queued until a handler thread took it, handled
 * locally, waiting on others (acks=all replication, a long-poll fetch), waiting for the event loop, being written.
 */
public interface RequestTimes {

    long receivedNanos();

    /** A handler thread started on it. */
    long dequeuedNanos();

    /** The handler returned, or the response was ready before that. */
    long localDoneNanos();

    /** The response was ready (equal to {@link #localDoneNanos()} when the handler answered itself). */
    long completedNanos();

    /** The event loop took the response to write it. */
    long writeStartNanos();

    /** The response was handed to the socket. */
    long sentNanos();
}
