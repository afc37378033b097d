package io.tributary.broker.api;

import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.tributary.broker.network.Responder;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * An acks=all produce waiting for every ISR member to have its batches: completed by the high
 * watermark moving (a follower fetch), by the partition losing leadership, or by the timeout.
 * Completes exactly once; no thread waits.
 */
final class DelayedProduce implements io.tributary.broker.replica.Watcher {

    private final List<ProduceHandler.PendingAck> pending;
    private final long timeoutMs;
    private final Struct response;
    private final Responder responder;
    private final Function<String, Integer> minInsyncReplicas;
    private final Timer timer;
    private final AtomicBoolean completed = new AtomicBoolean();
    private volatile Timeout timeout;

    DelayedProduce(List<ProduceHandler.PendingAck> pending, long timeoutMs, Struct response, Responder responder,
                   Function<String, Integer> minInsyncReplicas, Timer timer) {
        this.pending = pending;
        this.timeoutMs = timeoutMs;
        this.response = response;
        this.responder = responder;
        this.minInsyncReplicas = minInsyncReplicas;
        this.timer = timer;
    }

    void start() {
        timeout = timer.newTimeout(t -> expire(), Math.max(timeoutMs, 1), TimeUnit.MILLISECONDS);
        for (ProduceHandler.PendingAck ack : pending) {
            ack.partition().watch(this);
        }
        tryComplete();
    }

    private void tryComplete() {
        if (completed.get()) {
            return;
        }
        boolean done = true;
        for (ProduceHandler.PendingAck ack : pending) {
            if (!isSatisfied(ack)) {
                done = false;
            }
        }
        if (done) {
            complete(false);
        }
    }

    @Override
    public boolean isDone() {
        return completed.get();
    }

    @Override
    public void onChange() {
        tryComplete();
    }

    private boolean isSatisfied(ProduceHandler.PendingAck ack) {
        return !ack.partition().isLeader() || ack.partition().highWatermark() >= ack.requiredOffset();
    }

    private void expire() {
        complete(true);
    }

    private void complete(boolean timedOut) {
        if (!completed.compareAndSet(false, true)) {
            return;
        }
        if (timeout != null) {
            timeout.cancel();
        }
        for (ProduceHandler.PendingAck ack : pending) {
            Struct result = ack.result();
            if (!ack.partition().isLeader()) {
                result.set("error_code", Errors.NOT_LEADER_OR_FOLLOWER.code());
            } else if (ack.partition().highWatermark() < ack.requiredOffset()) {
                result.set("error_code", Errors.REQUEST_TIMED_OUT.code());
            } else if (ack.partition().isr().size() < minInsyncReplicas.apply(ack.partition().topicPartition().topic())) {
                result.set("error_code", Errors.NOT_ENOUGH_REPLICAS_AFTER_APPEND.code());
            }
        }
        responder.send(response);
    }
}
