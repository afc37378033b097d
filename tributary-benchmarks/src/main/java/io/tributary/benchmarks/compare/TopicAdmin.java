package io.tributary.benchmarks.compare;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Creates the benchmark topics through kafka-clients' Admin, the same way for every system, and waits until
 * each partition has a leader so the timed workloads never include topic set-up. Not thread-safe; one per
 * broker, closed with it.
 */
final class TopicAdmin implements AutoCloseable {

    private static final long POLL_MS = 20;

    private final Admin admin;

    TopicAdmin(int port) {
        this("127.0.0.1:" + port);
    }

    /** @param bootstrap comma-separated host:port list of the brokers to talk to */
    TopicAdmin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "20");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "100");
        props.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "20");
        props.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "100");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "180000");
        this.admin = Admin.create(props);
    }

    /**
     * Creates a topic with replication factor 1 and returns once every partition has a leader.
     *
     * @return nanoseconds from the CreateTopics request to the last partition having a leader
     */
    long createAndAwaitLeaders(String topic, int partitions, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        while (!allLed(topic, partitions, deadline)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topic " + topic + " still has partitions without a leader");
            }
            Thread.sleep(POLL_MS);
        }
        return System.nanoTime() - start;
    }

    /** Returns once the cluster's metadata lists {@code brokers} live brokers. */
    void awaitBrokers(int brokers, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (admin.describeCluster().nodes().get(1, TimeUnit.SECONDS).size() >= brokers) {
                    return;
                }
            } catch (ExecutionException | TimeoutException notYet) {
                // No broker answers yet; retry until the deadline.
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("fewer than " + brokers + " brokers registered within " + timeout);
            }
            Thread.sleep(POLL_MS * 5);
        }
    }

    /**
     * Creates a replicated topic with the given topic configs and returns once every partition has a leader
     * and all {@code replicationFactor} replicas in sync, so a timed acks=all run starts on a full ISR.
     */
    void createReplicatedAndAwaitFullIsr(String topic, int partitions, int replicationFactor,
                                         Map<String, String> configs, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) replicationFactor).configs(configs)))
                .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        while (true) {
            List<TopicPartitionInfo> info = describe(topic, deadline);
            if (info != null && info.size() == partitions && info.stream().allMatch(
                    p -> p.leader() != null && p.replicas().size() == replicationFactor
                            && p.isr().size() == replicationFactor)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topic " + topic + " has no full in-sync replica set within " + timeout
                        + ": " + info);
            }
            Thread.sleep(POLL_MS);
        }
    }

    private List<TopicPartitionInfo> describe(String topic, long deadline)
            throws InterruptedException, TimeoutException {
        try {
            long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            return admin.describeTopics(List.of(topic)).allTopicNames().get(remainingMs, TimeUnit.MILLISECONDS)
                    .get(topic).partitions();
        } catch (ExecutionException notYetVisible) {
            return null;
        }
    }

    private boolean allLed(String topic, int partitions, long deadline)
            throws InterruptedException, TimeoutException {
        try {
            long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            Map<String, TopicDescription> described = admin.describeTopics(List.of(topic))
                    .allTopicNames().get(remainingMs, TimeUnit.MILLISECONDS);
            List<TopicPartitionInfo> info = described.get(topic).partitions();
            return info.size() == partitions && info.stream().allMatch(p -> p.leader() != null);
        } catch (ExecutionException notYetVisible) {
            // UNKNOWN_TOPIC_OR_PARTITION until the broker's metadata catches up with the controller.
            return false;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
    }
}
