package io.tributary.broker.controller;

import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.metadata.BrokerInfo;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.MetadataCache;
import io.tributary.broker.replica.BlockingChannel;
import io.tributary.broker.replica.InterBrokerSecurity;
import io.tributary.common.Time;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.types.Struct;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leaving broker's side of controlled shutdown: before it stops, it asks the controller to
 * move leadership of its partitions away, so clients switch to the new leaders at once instead of
 * waiting for the ZooKeeper session to end. When this broker is itself the controller it does the
 * moves directly; otherwise it sends ControlledShutdown v3 to the controller's listener. Retries
 * (the controller may be changing) until the deadline, then gives up: the broker stops anyway and
 * the controller's failover handles the rest.
 *
 * <p>Threading: runs once, on the thread closing the broker; blocks for at most the given time.
 */
public final class ControlledShutdown {

    private static final Logger log = LoggerFactory.getLogger(ControlledShutdown.class);
    private static final short VERSION = 3;

    private final int brokerId;
    private final MetadataCache metadata;
    private final Controller controller;
    private final String listenerName;
    private final InterBrokerSecurity security;
    private final Time time;

    public ControlledShutdown(int brokerId, MetadataCache metadata, Controller controller, String listenerName,
                              InterBrokerSecurity security, Time time) {
        this.security = security;
        this.brokerId = brokerId;
        this.metadata = metadata;
        this.controller = controller;
        this.listenerName = listenerName;
        this.time = time;
    }

    /** True if the controller moved every partition away (or there was nothing to move) within {@code timeoutMs}. */
    public boolean run(long timeoutMs) throws InterruptedException {
        long deadline = time.hiResMilliseconds() + timeoutMs;
        while (time.hiResMilliseconds() < deadline) {
            long left = deadline - time.hiResMilliseconds();
            try {
                List<?> remaining = attempt((int) Math.max(1, left));
                if (remaining != null && remaining.isEmpty()) {
                    log.info("Controlled shutdown of broker {} succeeded", brokerId);
                    return true;
                }
                log.info("Controlled shutdown of broker {}: {} partitions have no other in-sync replica yet; retrying",
                        brokerId, remaining == null ? "?" : remaining.size());
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                log.info("Controlled shutdown attempt of broker {} failed: {}", brokerId, e.toString());
            }
            Thread.sleep(Math.min(200, Math.max(1, deadline - time.hiResMilliseconds())));
        }
        log.warn("Controlled shutdown of broker {} did not complete within {} ms; stopping anyway", brokerId, timeoutMs);
        return false;
    }

    /** The partitions still led by this broker, or null when the controller could not be asked. */
    private List<?> attempt(int timeoutMs) throws Exception {
        ClusterImage image = metadata.image();
        int controllerId = image.controllerId();
        if (controllerId == brokerId && controller.isActive()) {
            return controller.moveLeadershipAway(brokerId).get(timeoutMs, TimeUnit.MILLISECONDS);
        }
        BrokerInfo target = image.brokers().get(controllerId);
        Endpoint endpoint = target == null ? null : target.endpoint(listenerName);
        if (endpoint == null) {
            return null;
        }
        try (BlockingChannel channel = new BlockingChannel(endpoint.host(), endpoint.port(), timeoutMs,
                "controlled-shutdown-" + brokerId, security)) {
            Struct request = MessageCodec.newRequest(ApiKey.CONTROLLED_SHUTDOWN)
                    .set("broker_id", brokerId).set("broker_epoch", -1L);
            Struct response = channel.call(ApiKey.CONTROLLED_SHUTDOWN, VERSION, request);
            Errors error = Errors.forCode(response.getShort("error_code"));
            if (error != Errors.NONE) {
                throw error.exception("from controller " + controllerId);
            }
            return response.getStructs("remaining_partitions");
        }
    }
}
