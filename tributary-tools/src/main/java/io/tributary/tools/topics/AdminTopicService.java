package io.tributary.tools.topics;

import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.metadata.TopicInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

/**
 * {@link TopicService} over kafka-clients' {@link Admin}: works with any broker speaking the Kafka protocol.
 * Configs shown by describe are those not at their default (Kafka 2.x's choice).
 */
public final class AdminTopicService implements TopicService {

    private final Admin admin;

    public AdminTopicService(Properties adminProps) {
        this.admin = Admin.create(adminProps);
    }

    @Override
    public void create(NewTopicSpec spec) throws Exception {
        NewTopic topic = new NewTopic(spec.name(), spec.partitions(),
                spec.replicationFactor().map(Integer::shortValue));
        topic.configs(spec.configs());
        admin.createTopics(List.of(topic)).all().get();
    }

    @Override
    public List<String> listNames() throws Exception {
        List<String> names = new ArrayList<>(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get());
        names.sort(null);
        return names;
    }

    @Override
    public List<String> markedForDeletion() {
        return List.of();
    }

    @Override
    public List<DescribedTopic> describe(List<String> names) throws Exception {
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
        Map<String, Map<String, String>> configs = configs(names);
        List<DescribedTopic> result = new ArrayList<>();
        for (String name : names) {
            TopicDescription description = descriptions.get(name);
            Map<Integer, List<Integer>> assignment = new TreeMap<>();
            Map<Integer, PartitionState> states = new HashMap<>();
            for (TopicPartitionInfo p : description.partitions()) {
                Node leader = p.leader();
                assignment.put(p.partition(), ids(p.replicas()));
                // Metadata carries no leader epoch or znode version; describe shows neither.
                states.put(p.partition(), new PartitionState(leader == null ? PartitionState.NO_LEADER : leader.id(),
                        0, ids(p.isr()), 0, 0));
            }
            UUID id = new UUID(description.topicId().getMostSignificantBits(),
                    description.topicId().getLeastSignificantBits());
            result.add(new DescribedTopic(new TopicInfo(name, id, assignment), states,
                    configs.getOrDefault(name, Map.of()), false));
        }
        return result;
    }

    private Map<String, Map<String, String>> configs(List<String> names) throws Exception {
        List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> all = admin.describeConfigs(resources).all().get();
        Map<String, Map<String, String>> result = new HashMap<>();
        all.forEach((resource, config) -> {
            Map<String, String> shown = new LinkedHashMap<>();
            for (ConfigEntry entry : config.entries()) {
                if (!entry.isDefault() && entry.value() != null) {
                    shown.put(entry.name(), entry.isSensitive() ? "<sensitive>" : entry.value());
                }
            }
            result.put(resource.name(), shown);
        });
        return result;
    }

    @Override
    public List<String> delete(List<String> names) throws Exception {
        admin.deleteTopics(names).all().get();
        return List.of();
    }

    @Override
    public List<String> increasePartitions(List<String> names, int partitions) throws Exception {
        Map<String, NewPartitions> request = new LinkedHashMap<>();
        names.forEach(n -> request.put(n, NewPartitions.increaseTo(partitions)));
        admin.createPartitions(request).all().get();
        return List.of();
    }

    private static List<Integer> ids(Collection<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
