package io.tributary.broker.group;

import io.tributary.broker.network.RequestContext;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.Struct;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sends group requests to a coordinator the way they arrive from the network: built as structs,
 * encoded at a version, decoded again, and handed to the registered handler.
 */
final class GroupClient {

    private final GroupCoordinator coordinator;
    private final String clientId;
    private int correlationId;

    GroupClient(GroupCoordinator coordinator, String clientId) {
        this.coordinator = coordinator;
        this.clientId = clientId;
    }

    CapturingResponder send(ApiKey api, int version, Consumer<Struct> body) {
        Struct request = MessageCodec.newRequest(api);
        body.accept(request);
        short v = (short) version;
        ByteBuffer bytes = MessageCodec.requestBytes(api, v, request);
        Struct parsed = MessageCodec.readRequest(api, v, new ProtocolReader(bytes));
        RequestContext context = new RequestContext(new RequestHeader(api.id(), v, correlationId++, clientId), api,
                new InetSocketAddress("127.0.0.1", 50123), "conn-" + clientId, 0L);
        CapturingResponder responder = new CapturingResponder(api, v);
        coordinator.handlers().get(api).handle(context, parsed, responder);
        return responder;
    }

    CapturingResponder join(int version, String groupId, String memberId, int sessionMs, int rebalanceMs,
                            String instanceId, List<String> protocols, byte[] metadata) {
        return send(ApiKey.JOIN_GROUP, version, r -> {
            r.set("group_id", groupId).set("member_id", memberId).set("session_timeout_ms", sessionMs)
                    .set("rebalance_timeout_ms", rebalanceMs).set("protocol_type", "consumer")
                    .set("group_instance_id", instanceId);
            for (String protocol : protocols) {
                r.addChild("protocols").set("name", protocol).set("metadata", ByteBuffer.wrap(metadata));
            }
        });
    }

    CapturingResponder sync(int version, String groupId, int generation, String memberId, List<String[]> assignments) {
        return send(ApiKey.SYNC_GROUP, version, r -> {
            r.set("group_id", groupId).set("generation_id", generation).set("member_id", memberId);
            for (String[] assignment : assignments) {
                r.addChild("assignments").set("member_id", assignment[0])
                        .set("assignment", ByteBuffer.wrap(assignment[1].getBytes(StandardCharsets.UTF_8)));
            }
        });
    }

    CapturingResponder heartbeat(String groupId, int generation, String memberId) {
        return send(ApiKey.HEARTBEAT, 4, r -> r.set("group_id", groupId).set("generation_id", generation).set("member_id", memberId));
    }

    CapturingResponder commit(int version, String groupId, int generation, String memberId, String topic, int partition, long offset) {
        return send(ApiKey.OFFSET_COMMIT, version, r -> {
            r.set("group_id", groupId).set("generation_id_or_member_epoch", generation).set("member_id", memberId);
            r.addChild("topics").set("name", topic).addChild("partitions")
                    .set("partition_index", partition).set("committed_offset", offset)
                    .set("committed_leader_epoch", 7).set("committed_metadata", "m" + offset);
        });
    }

    /** OffsetFetch v9 (multi-group form) for one partition; returns its committed offset. */
    long fetchOffset(String groupId, String topic, int partition) {
        Struct response = send(ApiKey.OFFSET_FETCH, 9, r -> r.addChild("groups").set("group_id", groupId)
                .addChild("topics").set("name", topic).set("partition_indexes", List.of(partition))).response();
        Struct group = response.getStructs("groups").get(0);
        if (group.getShort("error_code") != 0) {
            throw new AssertionError("OffsetFetch error " + group.getShort("error_code"));
        }
        return group.getStructs("topics").get(0).getStructs("partitions").get(0).getLong("committed_offset");
    }

    /** A consumer-protocol subscription (version 0) to these topics. */
    static byte[] subscription(String... topics) {
        int size = 2 + 4 + 4;
        for (String topic : topics) {
            size += 2 + topic.getBytes(StandardCharsets.UTF_8).length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).putShort((short) 0).putInt(topics.length);
        for (String topic : topics) {
            byte[] name = topic.getBytes(StandardCharsets.UTF_8);
            buffer.putShort((short) name.length).put(name);
        }
        return buffer.putInt(-1).array();
    }

    static String text(ByteBuffer bytes) {
        return StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
    }
}
