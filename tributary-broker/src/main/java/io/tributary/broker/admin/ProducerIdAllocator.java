package io.tributary.broker.admin;

import io.tributary.broker.zk.KafkaZkClient;

/**
 * Hands out producer ids for idempotent producers, claiming blocks of 1000 ids from ZooKeeper so
 * ids stay unique across brokers and restarts. Thread-safe.
 */
public final class ProducerIdAllocator {

    private static final int BLOCK_SIZE = 1000;

    private final KafkaZkClient zk;
    private final int brokerId;
    private long next;
    private long blockEnd = -1;

    public ProducerIdAllocator(KafkaZkClient zk, int brokerId) {
        this.zk = zk;
        this.brokerId = brokerId;
    }

    public synchronized long nextProducerId() throws Exception {
        if (next > blockEnd) {
            next = zk.allocateProducerIdBlock(brokerId, BLOCK_SIZE);
            blockEnd = next + BLOCK_SIZE - 1;
        }
        return next++;
    }
}
