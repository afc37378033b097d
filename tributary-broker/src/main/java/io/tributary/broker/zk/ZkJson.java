package io.tributary.broker.zk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** JSON of Kafka's znodes. */
final class ZkJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ZkJson() {
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(byte[] data) {
        try {
            return MAPPER.readTree(data == null || data.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : data);
        } catch (IOException e) {
            throw new IllegalStateException("znode holds invalid JSON: " + new String(data, StandardCharsets.UTF_8), e);
        }
    }
}
