package io.tributary.broker.api;

import io.tributary.broker.admin.TopicNames;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.PartitionState;
import io.tributary.broker.metadata.TopicInfo;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Answers DescribeTopicPartitions (KIP-966) from the current cluster image, a page at a time as Kafka
 * pages it: topics in name order (all topics when none is named), starting at the request's cursor,
 * at most {@code response_partition_limit} partitions (capped at {@value #MAX_PARTITIONS}, Kafka's
 * default {@code max.request.partition.size.limit}). When the page fills inside a topic, the next cursor
 * names that topic and the first partition left out; when it fills at a topic's end, the next topic's
 * partition 0. A named topic that does not exist is answered UNKNOWN_TOPIC_OR_PARTITION; with all
 * topics asked for, none can be. Stateless: the cursor travels with the client.
 */
public final class DescribeTopicPartitionsHandler implements RequestHandler {

    static final int MAX_PARTITIONS = 2000;

    private final Supplier<ClusterImage> images;

    public DescribeTopicPartitionsHandler(Supplier<ClusterImage> images) {
        this.images = images;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        ClusterImage image = images.get();
        Struct response = new Struct(context.api().spec().response());
        TreeSet<String> asked = new TreeSet<>();
        List<Struct> requested = request.getStructs("topics");
        boolean allTopics = requested == null || requested.isEmpty();
        if (allTopics) {
            image.topics().keySet().stream().filter(name -> !image.topicsBeingDeleted().contains(name)).forEach(asked::add);
        } else {
            requested.forEach(topic -> asked.add(topic.getString("name")));
        }
        java.util.SortedSet<String> names = asked;
        Struct cursor = request.getStruct("cursor");
        int startPartition = 0;
        if (cursor != null) {
            String from = cursor.getString("topic_name");
            startPartition = cursor.getInt("partition_index");
            if (startPartition < 0 || (!allTopics && !names.contains(from))) {
                responder.send(invalidRequest(context, requested == null ? List.of() : requested));
                return;
            }
            names = asked.tailSet(from);
            if (!names.isEmpty() && !names.first().equals(from)) {
                startPartition = 0; // the cursor's topic is gone: start at the next one
            }
        }
        int remaining = Math.max(1, Math.min(request.getInt("response_partition_limit"), MAX_PARTITIONS));
        for (String name : names) {
            if (remaining == 0) {
                response.newStruct("next_cursor").set("topic_name", name).set("partition_index", 0);
                break;
            }
            TopicInfo topic = image.topic(name);
            if (topic == null || image.topicsBeingDeleted().contains(name)) {
                response.addChild("topics").set("name", name).set("topic_id", new java.util.UUID(0, 0))
                        .set("error_code", (TopicNames.problemWith(name) != null ? Errors.INVALID_TOPIC_EXCEPTION
                                : Errors.UNKNOWN_TOPIC_OR_PARTITION).code());
                startPartition = 0;
                continue;
            }
            Struct entry = response.addChild("topics")
                    .set("name", name)
                    .set("topic_id", topic.topicId())
                    .set("is_internal", TopicNames.isInternal(name));
            entry.set("partitions", new ArrayList<>());
            int end = Math.min(topic.partitionCount(), startPartition + remaining);
            for (int partition = startPartition; partition < end; partition++) {
                describePartition(entry, image, topic, partition);
            }
            remaining -= Math.max(0, end - startPartition);
            if (end < topic.partitionCount()) {
                response.newStruct("next_cursor").set("topic_name", name).set("partition_index", end);
                break;
            }
            startPartition = 0;
        }
        responder.send(response);
    }

    private static void describePartition(Struct entry, ClusterImage image, TopicInfo topic, int index) {
        List<Integer> replicas = topic.assignment().getOrDefault(index, List.of());
        PartitionState state = image.partition(new TopicPartition(topic.name(), index));
        List<Object> offline = new ArrayList<>();
        for (int replica : replicas) {
            if (!image.isAlive(replica)) {
                offline.add(replica);
            }
        }
        boolean leaderAlive = state != null && state.leader() >= 0 && image.isAlive(state.leader());
        entry.addChild("partitions")
                .set("error_code", (leaderAlive ? Errors.NONE : Errors.LEADER_NOT_AVAILABLE).code())
                .set("partition_index", index)
                .set("leader_id", leaderAlive ? state.leader() : -1)
                .set("leader_epoch", state == null ? -1 : state.leaderEpoch())
                .set("replica_nodes", new ArrayList<Object>(replicas))
                .set("isr_nodes", state == null ? new ArrayList<>() : new ArrayList<Object>(state.isr()))
                .set("eligible_leader_replicas", new ArrayList<>())
                .set("last_known_elr", new ArrayList<>())
                .set("offline_replicas", offline);
    }

    /**
     * As Kafka answers a cursor naming a topic the request does not ask for (or a negative partition):
     * the whole request refused, every topic it names with INVALID_REQUEST.
     */
    private static Struct invalidRequest(RequestContext context, List<Struct> requested) {
        Struct response = new Struct(context.api().spec().response());
        for (Struct topic : requested) {
            response.addChild("topics").set("name", topic.getString("name")).set("topic_id", new java.util.UUID(0, 0))
                    .set("error_code", Errors.INVALID_REQUEST.code()).set("partitions", new ArrayList<>());
        }
        return response;
    }
}
