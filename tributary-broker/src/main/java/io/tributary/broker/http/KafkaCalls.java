package io.tributary.broker.http;

import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.metadata.BrokerInfo;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.MetadataCache;
import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.replica.BlockingChannel;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.types.Struct;
import java.io.IOException;

/**
 * The console's way to act on the cluster: real Kafka requests over the Kafka listener of the broker that should
 * answer (the partition's leader, the group's coordinator, any broker for the rest), so every action goes through
 * the same decoding, handlers and checks as a Kafka client's. One short-lived connection per call: console actions
 * are rare. Thread-safe (nothing is shared between calls).
 */
final class KafkaCalls {

    private static final int TIMEOUT_MS = 15_000;

    private final MetadataCache metadata;
    private final String listenerName;
    private final int localBrokerId;

    KafkaCalls(MetadataCache metadata, String listenerName, int localBrokerId) {
        this.metadata = metadata;
        this.listenerName = listenerName;
        this.localBrokerId = localBrokerId;
    }

    ClusterImage image() {
        return metadata.image();
    }

    int localBrokerId() {
        return localBrokerId;
    }

    /** A request this broker can answer itself (topic and config admin, which go to the controller through ZooKeeper). */
    Struct local(ApiKey api, int version, Struct request) throws IOException {
        return call(localBrokerId, api, version, request);
    }

    Struct call(int brokerId, ApiKey api, int version, Struct request) throws IOException {
        BrokerInfo broker = image().brokers().get(brokerId);
        if (broker == null) {
            throw new IOException("broker " + brokerId + " is not alive");
        }
        Endpoint endpoint = broker.endpoint(listenerName);
        try (BlockingChannel channel = new BlockingChannel(endpoint.host(), endpoint.port(), TIMEOUT_MS, "tributary-console")) {
            return channel.call(api, (short) version, request);
        }
    }

    /** The partition's leader; 404 naming {@code parameter} when the topic or partition does not exist. */
    int leaderOf(TopicPartition tp) {
        if (image().topic(tp.topic()) == null) {
            throw BadRequestException.notFound("topic", "no topic " + tp.topic());
        }
        PartitionState state = image().partition(tp);
        if (state == null) {
            throw new BadRequestException("partition", "topic " + tp.topic() + " has no partition " + tp.partition());
        }
        if (state.leader() == PartitionState.NO_LEADER || !image().isAlive(state.leader())) {
            throw new BadRequestException(503, "partition", tp + " has no leader right now");
        }
        return state.leader();
    }

    /** FindCoordinator for a group, asked of this broker. */
    int coordinatorOf(String group) throws IOException {
        Struct response = local(ApiKey.FIND_COORDINATOR, 2,
                MessageCodec.newRequest(ApiKey.FIND_COORDINATOR).set("key", group).set("key_type", (byte) 0));
        Errors error = Errors.forCode(response.getShort("error_code"));
        if (error != Errors.NONE) {
            throw new BadRequestException(503, "group", "no coordinator for group " + group + ": " + error);
        }
        return response.getInt("node_id");
    }

    /** Turns a Kafka error code in a response into a 400 (or 404 for unknown things) naming {@code parameter}. */
    static void check(short code, String message, String parameter) {
        Errors error = Errors.forCode(code);
        if (error == Errors.NONE) {
            return;
        }
        String text = error.name() + (message == null || message.isEmpty() ? "" : ": " + message);
        int status = switch (error) {
            case UNKNOWN_TOPIC_OR_PARTITION, GROUP_ID_NOT_FOUND -> 404;
            case NOT_CONTROLLER, COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR, LEADER_NOT_AVAILABLE,
                    NOT_LEADER_OR_FOLLOWER, REQUEST_TIMED_OUT -> 503;
            default -> 400;
        };
        throw new BadRequestException(status, parameter, text);
    }
}
