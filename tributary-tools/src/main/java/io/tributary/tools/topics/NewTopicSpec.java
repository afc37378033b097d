package io.tributary.tools.topics;

import java.util.Map;
import java.util.Optional;

/** What {@code topics --create} asks for; absent counts mean "the broker's default" (bootstrap mode only). */
public record NewTopicSpec(String name, Optional<Integer> partitions, Optional<Integer> replicationFactor,
                           Map<String, String> configs) {

    public NewTopicSpec {
        configs = Map.copyOf(configs);
    }
}
