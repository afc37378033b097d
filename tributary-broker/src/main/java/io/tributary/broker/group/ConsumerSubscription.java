package io.tributary.broker.group;

import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the topic list from the start of a {@code consumer} protocol subscription (JoinGroup metadata):
 * int16 version, then int32 count and int16-length topic names, the same in every version. The rest
 * (user data, owned partitions, rack) stays opaque. Stateless.
 */
final class ConsumerSubscription {

    static final String PROTOCOL_TYPE = "consumer";

    private ConsumerSubscription() {
    }

    /** The subscribed topics, or empty if the bytes are not a readable subscription. */
    static Optional<Set<String>> topics(byte[] metadata) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(metadata);
            if (buffer.getShort() < 0) {
                return Optional.empty();
            }
            int count = buffer.getInt();
            if (count < 0 || count > buffer.remaining() / 2) {
                return Optional.empty();
            }
            Set<String> topics = new HashSet<>();
            for (int i = 0; i < count; i++) {
                short length = buffer.getShort();
                if (length < 0) {
                    return Optional.empty();
                }
                byte[] name = new byte[length];
                buffer.get(name);
                topics.add(new String(name, StandardCharsets.UTF_8));
            }
            return Optional.of(topics);
        } catch (BufferUnderflowException e) {
            return Optional.empty();
        }
    }
}
