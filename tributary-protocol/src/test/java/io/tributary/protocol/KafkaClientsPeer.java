package io.tributary.protocol;

import java.lang.reflect.Constructor;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.protocol.Readable;

/**
 * kafka-clients' own generated message classes, reached by name, as the independent reference our
 * codec must agree with byte for byte.
 */
final class KafkaClientsPeer {

    private KafkaClientsPeer() {
    }

    /** Parses the bytes with kafka-clients' {@code <Name>RequestData} or {@code ...ResponseData} and re-serializes them. */
    static ByteBuffer reserialize(String apiName, boolean request, short version, ByteBuffer bytes) throws Exception {
        String className = "org.apache.kafka.common.message." + apiName + (request ? "RequestData" : "ResponseData");
        Class<?> type = Class.forName(className);
        Constructor<?> constructor = type.getConstructor(Readable.class, short.class);
        ByteBufferAccessor accessor = new ByteBufferAccessor(bytes.duplicate());
        ApiMessage message = (ApiMessage) constructor.newInstance(accessor, version);
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer out = ByteBuffer.allocate(message.size(cache, version));
        message.write(new ByteBufferAccessor(out), cache, version);
        return out.flip();
    }

    /** kafka-clients' default-constructed message (every field at its declared default), serialized. */
    static ByteBuffer defaultMessage(String apiName, boolean request, short version) throws Exception {
        String className = "org.apache.kafka.common.message." + apiName + (request ? "RequestData" : "ResponseData");
        ApiMessage message = (ApiMessage) Class.forName(className).getConstructor().newInstance();
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer out = ByteBuffer.allocate(message.size(cache, version));
        message.write(new ByteBufferAccessor(out), cache, version);
        return out.flip();
    }

    /** The versions kafka-clients 4.2.0 can still read and write for this API. */
    static boolean supports(String apiName, boolean request, short version) throws Exception {
        String className = "org.apache.kafka.common.message." + apiName + (request ? "RequestData" : "ResponseData");
        Class<?> type = Class.forName(className);
        short lowest = (Short) type.getField("LOWEST_SUPPORTED_VERSION").get(null);
        short highest = (Short) type.getField("HIGHEST_SUPPORTED_VERSION").get(null);
        return version >= lowest && version <= highest;
    }
}
