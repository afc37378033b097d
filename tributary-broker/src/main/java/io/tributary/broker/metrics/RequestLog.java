package io.tributary.broker.metrics;

import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestObserver;
import io.tributary.broker.network.RequestTimes;
import io.tributary.protocol.types.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's request log: at DEBUG on {@code kafka.request.logger}, one line per completed request with who sent it
 * and where its time went. Off by default (config/log4j2.xml sets WARN); costs one level check per request then.
 * Stateless; called on the event loops.
 */
public final class RequestLog implements RequestObserver {

    public static final String LOGGER_NAME = "kafka.request.logger";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    @Override
    public void onCompleted(RequestContext context, Struct request, RequestTimes t) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        LOG.debug("Completed request {} v{} correlation id {} from client {} at {} on {}: totalTime {} ms,"
                        + " requestQueueTime {} ms, localTime {} ms, remoteTime {} ms, responseQueueTime {} ms,"
                        + " sendTime {} ms",
                context.api().spec().name(), context.version(), context.header().correlationId(), context.clientId(),
                context.clientHost(), context.connectionId(), ms(t.sentNanos() - t.receivedNanos()),
                ms(t.dequeuedNanos() - t.receivedNanos()), ms(t.localDoneNanos() - t.dequeuedNanos()),
                ms(t.completedNanos() - t.localDoneNanos()), ms(t.writeStartNanos() - t.completedNanos()),
                ms(t.sentNanos() - t.writeStartNanos()));
    }

    private static String ms(long nanos) {
        return String.format("%.3f", nanos / 1e6);
    }
}
