package io.tributary.broker.api;

import io.tributary.broker.security.acl.AclOperation;
import io.netty.util.Timer;
import io.tributary.broker.group.TopicIds;
import io.tributary.broker.network.RequestContext;
import io.tributary.protocol.Errors;
import java.util.List;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;

/**
 * Serves Fetch for consumers and follower replicas. When less than {@code min_bytes} is available
 * the request is parked until an append or high-watermark move makes enough data visible, or
 * {@code max_wait_ms} passes (long polling without a waiting thread).
 *
 * <p>Fetch sessions (KIP-227) are declined: every response carries session id 0, so clients send full
 * fetches naming every partition each time. That keeps KIP-516's rules trivially true: a topic id is
 * resolved per request, and no session can keep serving a partition under an id its topic no longer has.
 */
public final class FetchHandler implements RequestHandler {

    private final ReplicaManager replicas;
    private final Timer timer;
    private final FollowerProgress followerProgress;
    private final TopicIds topicIds;

    /** Told of each follower fetch, so the leader can track follower progress and grow the ISR. */
    public interface FollowerProgress {
        void onFollowerFetch(int followerId, io.tributary.broker.replica.Partition partition, long fetchOffset);
    }

    public FetchHandler(ReplicaManager replicas, Timer timer, FollowerProgress followerProgress, TopicIds topicIds) {
        this.replicas = replicas;
        this.topicIds = topicIds;
        this.timer = timer;
        this.followerProgress = followerProgress;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        if (context.version() >= 7 && request.getInt("session_id") != 0) {
            // Only a session this broker created may be continued, and it creates none.
            Struct refused = new Struct(context.api().spec().response())
                    .set("error_code", Errors.FETCH_SESSION_ID_NOT_FOUND.code());
            responder.send(refused);
            return;
        }
        FetchRequestView view = FetchRequestView.of(context.version(), request, topicIds);
        List<FetchRequestView.PartitionFetch> denied = deniedPartitions(context, view);
        if (!denied.isEmpty()) {
            // Unauthorized partitions are answered now, with what may be read; no long poll.
            FetchRequestView allowed = view.without(denied);
            Struct response = new FetchReader(replicas, allowed).read(context.api().spec().response()).response();
            for (FetchRequestView.PartitionFetch fetch : denied) {
                response.addChild("responses").set("topic", fetch.topicPartition().topic())
                        .set("topic_id", fetch.topicId()).addChild("partitions")
                        .set("partition_index", fetch.topicPartition().partition())
                        .set("error_code", Errors.TOPIC_AUTHORIZATION_FAILED.code()).set("high_watermark", -1L);
            }
            responder.send(response);
            return;
        }
        if (view.replicaId() >= 0) {
            recordFollowerProgress(view);
        }
        FetchReader reader = new FetchReader(replicas, view);
        FetchReader.Result result = reader.read(context.api().spec().response());
        if (result.isSatisfying(view.minBytes()) || view.maxWaitMs() <= 0) {
            reader.recordAnswered();
            responder.send(result.response());
            return;
        }
        new DelayedFetch(reader, view, responder, timer, context.api().spec().response()).start();
    }

    /** Followers need CLUSTER_ACTION on the cluster, consumers READ on each topic (Kafka's checks). */
    private static List<FetchRequestView.PartitionFetch> deniedPartitions(RequestContext context, FetchRequestView view) {
        if (view.replicaId() >= 0) {
            return context.isAuthorizedOnCluster(AclOperation.CLUSTER_ACTION) ? List.of() : view.partitions();
        }
        java.util.Map<String, Boolean> allowed = new java.util.HashMap<>();
        // A topic id no topic has is answered UNKNOWN_TOPIC_ID by the reader: there is no topic to authorize.
        return view.partitions().stream().filter(f -> !f.isUnknownTopicId() && !allowed.computeIfAbsent(
                f.topicPartition().topic(), topic -> context.isAuthorizedOnTopic(AclOperation.READ, topic))).toList();
    }

    private void recordFollowerProgress(FetchRequestView view) {
        for (FetchRequestView.PartitionFetch fetch : view.partitions()) {
            var partition = fetch.isUnknownTopicId() ? null : replicas.partition(fetch.topicPartition());
            if (partition != null && partition.isLeader()) {
                followerProgress.onFollowerFetch(view.replicaId(), partition, fetch.fetchOffset());
            }
        }
    }

}
