package io.tributary.broker.api;

import io.netty.util.Timer;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.protocol.types.Struct;

/**
 * Serves Fetch for consumers and follower replicas. When less than {@code min_bytes} is available
 * the request is parked until an append or high-watermark move makes enough data visible, or
 * {@code max_wait_ms} passes (long polling without a waiting thread).
 */
public final class FetchHandler implements RequestHandler {

    private final ReplicaManager replicas;
    private final Timer timer;
    private final FollowerProgress followerProgress;

    /** Told of each follower fetch, so the leader can track follower progress and grow the ISR. */
    public interface FollowerProgress {
        void onFollowerFetch(int followerId, io.tributary.broker.replica.Partition partition, long fetchOffset);
    }

    public FetchHandler(ReplicaManager replicas, Timer timer, FollowerProgress followerProgress) {
        this.replicas = replicas;
        this.timer = timer;
        this.followerProgress = followerProgress;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        FetchRequestView view = FetchRequestView.of(context.version(), request);
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

    private void recordFollowerProgress(FetchRequestView view) {
        for (FetchRequestView.PartitionFetch fetch : view.partitions()) {
            var partition = replicas.partition(fetch.topicPartition());
            if (partition != null && partition.isLeader()) {
                followerProgress.onFollowerFetch(view.replicaId(), partition, fetch.fetchOffset());
            }
        }
    }

}
