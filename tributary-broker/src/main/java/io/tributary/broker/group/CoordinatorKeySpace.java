package io.tributary.broker.group;

import io.tributary.broker.metadata.ClusterImage;
import io.tributary.protocol.Errors;

/**
 * One kind of coordinator FindCoordinator can name: the leader of partition {@link #partitionFor} of an
 * internal topic coordinates a key. Groups (key type 0) live in {@code __consumer_offsets}, transactional
 * ids (key type 1) in {@code __transaction_state}. Implementations are thread-safe.
 */
public interface CoordinatorKeySpace {

    String topic();

    int partitionFor(String key);

    /** Whether this broker leads the partition and has loaded it. */
    boolean isLoaded(int partition);

    /** The error for a key that cannot be coordinated (empty), or NONE. */
    Errors validate(String key);

    /** Creates the internal topic on first use; throws an ApiException the caller logs when it cannot yet. */
    void createTopic(ClusterImage image);
}
