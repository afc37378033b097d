package io.tributary.broker.api;

import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.tributary.broker.network.Responder;
import io.tributary.broker.replica.Partition;
import io.tributary.protocol.types.Schema;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A long-poll fetch: re-read whenever one of its partitions changes, answered as soon as enough
 * bytes are visible or when max_wait_ms passes. Completes exactly once.
 */
final class DelayedFetch implements io.tributary.broker.replica.Watcher {

    private final FetchReader reader;
    private final FetchRequestView view;
    private final Responder responder;
    private final Timer timer;
    private final Schema responseSchema;
    private final AtomicBoolean completed = new AtomicBoolean();
    private volatile Timeout timeout;

    DelayedFetch(FetchReader reader, FetchRequestView view, Responder responder, Timer timer, Schema responseSchema) {
        this.reader = reader;
        this.view = view;
        this.responder = responder;
        this.timer = timer;
        this.responseSchema = responseSchema;
    }

    void start() {
        timeout = timer.newTimeout(t -> complete(), view.maxWaitMs(), TimeUnit.MILLISECONDS);
        watchAll();
        tryComplete();
    }

    private void watchAll() {
        for (FetchRequestView.PartitionFetch fetch : view.partitions()) {
            Partition partition = reader.partition(fetch.topicPartition());
            if (partition != null) {
                partition.watch(this);
            }
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

    /** Synchronized with {@link #complete()}: the read answered is the last one the reader made. */
    private synchronized void tryComplete() {
        if (completed.get()) {
            return;
        }
        FetchReader.Result result = reader.read(responseSchema);
        if (result.isSatisfying(view.minBytes())) {
            finish(result);
        }
    }

    private synchronized void complete() {
        if (!completed.get()) {
            finish(reader.read(responseSchema));
        }
    }

    private void finish(FetchReader.Result result) {
        if (completed.compareAndSet(false, true)) {
            if (timeout != null) {
                timeout.cancel();
            }
            reader.recordAnswered();
            responder.send(result.response());
        }
    }
}
