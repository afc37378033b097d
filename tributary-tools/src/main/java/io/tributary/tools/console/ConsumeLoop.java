package io.tributary.tools.console;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import io.tributary.common.Time;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Polls and prints until {@code maxMessages} were printed, nothing arrived for {@code timeoutMs}, or the process is
 * asked to stop ({@link #requestStop}, from the Ctrl-C hook). Commits, when enabled, exactly the offsets after the records it printed: after each batch
 * asynchronously, on rebalance and at the end synchronously. Runs on the calling thread; {@link #requestStop} is the
 * only method other threads may call.
 */
public final class ConsumeLoop {

    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<byte[], byte[]> consumer;
    private final RecordFormatter formatter;
    private final PrintStream out;
    private final boolean commit;
    private final long maxMessages;
    private final long timeoutMs;
    private final Map<TopicPartition, OffsetAndMetadata> printed = new HashMap<>();
    private final Time time;
    private volatile boolean stopping;
    private long count;

    /**
     * @param maxMessages stop after this many records; {@code Long.MAX_VALUE} for no limit
     * @param timeoutMs   stop after this long without a record; non-positive for no limit
     */
    public ConsumeLoop(Consumer<byte[], byte[]> consumer, RecordFormatter formatter, PrintStream out, boolean commit,
                       long maxMessages, long timeoutMs, Time time) {
        this.time = time;
        this.consumer = consumer;
        this.formatter = formatter;
        this.out = out;
        this.commit = commit;
        this.maxMessages = maxMessages;
        this.timeoutMs = timeoutMs;
    }

    /** Runs the loop; returns the number of records printed. The consumer is left open for the caller to close. */
    public long run() {
        long lastActivity = time.nanoseconds();
        try {
            while (!stopping && count < maxMessages) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    if (timeoutMs > 0 && time.nanoseconds() - lastActivity >= timeoutMs * 1_000_000L) {
                        break;
                    }
                    continue;
                }
                lastActivity = time.nanoseconds();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    out.print(formatter.format(record));
                    printed.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                    if (++count >= maxMessages) {
                        break;
                    }
                }
                out.flush();
                if (commit) {
                    consumer.commitAsync(new HashMap<>(printed), null);
                }
            }
        } catch (WakeupException e) {
            // shutdown() woke the poll: fall through to the final commit.
        } finally {
            out.flush();
            if (commit && !printed.isEmpty()) {
                commitQuietly();
            }
        }
        return count;
    }

    /** Offsets printed for the partitions being taken away, committed before another member takes them over. */
    public void commitRevoked(Collection<TopicPartition> revoked) {
        if (!commit) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        revoked.forEach(tp -> {
            OffsetAndMetadata o = printed.get(tp);
            if (o != null) {
                offsets.put(tp, o);
            }
        });
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
    }

    private void commitQuietly() {
        try {
            consumer.commitSync(printed, Duration.ofSeconds(10));
        } catch (WakeupException e) {
            consumer.commitSync(printed, Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            // The group may have moved on (rebalance, coordinator gone): nothing more the tool can do.
        }
    }

    /** Makes {@link #run} return soon, after its final commit. Safe from any thread. */
    public void requestStop() {
        stopping = true;
        consumer.wakeup();
    }

    public long count() {
        return count;
    }
}
