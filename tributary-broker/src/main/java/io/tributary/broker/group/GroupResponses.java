package io.tributary.broker.group;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.Errors;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;

/**
 * Builders for the membership responses, which are sent from several places (the request, a timer,
 * a completed append). Response structs carry every field; the codec writes those of the request's
 * version. Stateless.
 */
final class GroupResponses {

    private GroupResponses() {
    }

    static Struct joinError(short error, String memberId) {
        return MessageCodec.newResponse(ApiKey.JOIN_GROUP)
                .set("error_code", error)
                .set("member_id", memberId == null ? "" : memberId);
    }

    /** The join result for one member of the new generation; the leader also gets every member's metadata. */
    static Struct joinSuccess(ClassicGroup group, String memberId, boolean includeMembers) {
        Struct response = MessageCodec.newResponse(ApiKey.JOIN_GROUP)
                .set("generation_id", group.generationId())
                .set("protocol_type", group.protocolType())
                .set("protocol_name", group.protocolName())
                .set("leader", group.leaderId())
                .set("member_id", memberId);
        if (includeMembers) {
            for (GroupMember member : group.members()) {
                response.addChild("members")
                        .set("member_id", member.memberId())
                        .set("group_instance_id", member.groupInstanceId())
                        .set("metadata", ByteBuffer.wrap(member.metadata(group.protocolName())));
            }
        }
        return response;
    }

    static Struct sync(short error, ClassicGroup group, byte[] assignment) {
        Struct response = MessageCodec.newResponse(ApiKey.SYNC_GROUP).set("error_code", error);
        if (error == Errors.NONE.code()) {
            response.set("protocol_type", group.protocolType())
                    .set("protocol_name", group.protocolName())
                    .set("assignment", ByteBuffer.wrap(assignment));
        }
        return response;
    }

    static Struct syncError(short error) {
        return sync(error, null, null);
    }

    static Struct heartbeat(short error) {
        return MessageCodec.newResponse(ApiKey.HEARTBEAT).set("error_code", error);
    }
}
