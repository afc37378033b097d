package io.tributary.tools.topics;

import java.util.List;

/**
 * The operations behind {@code tributary topics}, implemented once over the Admin API and once directly over
 * ZooKeeper (the {@code --zookeeper} form). Methods throw {@link io.tributary.tools.ToolException} with a message fit
 * for the user. Implementations are used by one thread and closed after one command.
 */
public interface TopicService extends AutoCloseable {

    /** Creates the topic; throws if it exists. */
    void create(NewTopicSpec spec) throws Exception;

    /** All topic names, sorted. */
    List<String> listNames() throws Exception;

    /** Names of topics already marked for deletion but not yet gone (ZooKeeper mode only; else empty). */
    List<String> markedForDeletion() throws Exception;

    /** Descriptions of the given existing topics, in the given order. */
    List<DescribedTopic> describe(List<String> names) throws Exception;

    /** Requests deletion of the given existing topics; returns lines to print. */
    List<String> delete(List<String> names) throws Exception;

    /** Raises the partition count of the given existing topics; returns lines to print. */
    List<String> increasePartitions(List<String> names, int partitions) throws Exception;

    @Override
    void close();
}
