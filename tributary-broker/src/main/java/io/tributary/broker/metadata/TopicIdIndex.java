package io.tributary.broker.metadata;

import io.tributary.broker.group.TopicIds;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Topic names by id and ids by name in the current cluster image, for the requests that name topics by
 * id (Fetch v13+, Produce v13+, DeleteTopics v6+, OffsetCommit/OffsetFetch v10). The lookup table is
 * built once per image and replaced with it. Thread-safe: any thread may ask; a racing rebuild is
 * harmless because both threads build the same table from the same immutable image.
 */
public final class TopicIdIndex implements TopicIds {

    private static final UUID ZERO = new UUID(0, 0);

    private final Supplier<ClusterImage> images;
    private volatile Indexed indexed = new Indexed(null, Map.of());

    private record Indexed(ClusterImage image, Map<UUID, String> namesById) {
    }

    public TopicIdIndex(Supplier<ClusterImage> images) {
        this.images = images;
    }

    @Override
    public String name(UUID id) {
        if (id == null || id.equals(ZERO)) {
            return null;
        }
        return current().namesById().get(id);
    }

    @Override
    public UUID id(String name) {
        ClusterImage image = images.get();
        TopicInfo topic = image == null ? null : image.topic(name);
        return topic == null ? ZERO : topic.topicId();
    }

    private Indexed current() {
        ClusterImage image = images.get();
        Indexed seen = indexed;
        if (seen.image() == image) {
            return seen;
        }
        Map<UUID, String> names = new HashMap<>();
        if (image != null) {
            image.topics().values().forEach(topic -> names.put(topic.topicId(), topic.name()));
        }
        names.remove(ZERO);
        Indexed built = new Indexed(image, Map.copyOf(names));
        indexed = built;
        return built;
    }
}
