package io.tributary.tools.topics;

import io.tributary.tools.ClientConfigs;
import io.tributary.tools.KafkaTool;
import io.tributary.tools.ToolException;
import io.tributary.tools.ToolIo;
import io.tributary.tools.TopicPattern;
import io.tributary.tools.zk.ZkSession;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tributary topics}: create, list, describe, alter and delete topics, through a broker
 * ({@code --bootstrap-server}) or, as Kafka 2.x allowed, directly through ZooKeeper ({@code --zookeeper}).
 */
@Command(name = "topics", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Create, delete, describe, or change a topic.")
public final class TopicsCommand extends KafkaTool {

    static final List<String> INTERNAL_TOPICS = List.of("__consumer_offsets", "__transaction_state");

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Action (exactly one):%n")
    Action action;

    static final class Action {
        @Option(names = "--create", description = "Create a new topic.") boolean create;
        @Option(names = "--list", description = "List all available topics.") boolean list;
        @Option(names = "--describe", description = "List details for the given topics.") boolean describe;
        @Option(names = "--alter", description = "Alter the number of partitions of a topic.") boolean alter;
        @Option(names = "--delete", description = "Delete a topic.") boolean delete;
    }

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Where (exactly one):%n")
    Connection connection;

    static final class Connection {
        @Option(names = "--bootstrap-server", paramLabel = "<host:port>", description = "Broker(s) to connect to.")
        String bootstrapServer;
        @Option(names = "--zookeeper", paramLabel = "<host:port[/chroot]>",
                description = "Act directly on the ZooKeeper metadata, as Kafka 2.x did.")
        String zookeeper;
    }

    @Option(names = "--command-config", paramLabel = "<file>", description = "Admin client properties file.")
    Path commandConfig;

    @Option(names = "--topic", paramLabel = "<topic>",
            description = "Topic to create, alter, describe or delete; a regex except with --create.")
    String topic;

    @Option(names = "--partitions", paramLabel = "<n>", description = "Number of partitions (create / alter).")
    Integer partitions;

    @Option(names = "--replication-factor", paramLabel = "<n>", description = "Replication factor (create).")
    Integer replicationFactor;

    @Option(names = "--config", paramLabel = "<name=value>", description = "A topic config override (create).")
    Map<String, String> configs = new LinkedHashMap<>();

    @Option(names = "--if-not-exists", description = "With --create: do nothing if the topic exists.")
    boolean ifNotExists;

    @Option(names = "--if-exists", description = "With --alter, --describe or --delete: only act if the topic exists.")
    boolean ifExists;

    @Option(names = "--exclude-internal", description = "Leave internal topics out of --list and --describe.")
    boolean excludeInternal;

    /** Kafka's parser tolerated stray words (e.g. {@code --list --zookeeper h:2181 test}); so do we. */
    @Parameters(hidden = true)
    List<String> ignored = new ArrayList<>();

    public TopicsCommand(ToolIo io) {
        super(io);
    }

    @Override
    protected String target() {
        return connection.bootstrapServer;
    }

    @Override
    protected int run() throws Exception {
        try (TopicService service = openService()) {
            if (action.create) {
                create(service);
            } else if (action.list) {
                list(service);
            } else if (action.describe) {
                for (DescribedTopic info : service.describe(selected(service, false))) {
                    io.out().print(TopicDescribeFormatter.format(info));
                }
            } else if (action.delete) {
                service.delete(selected(service, true)).forEach(io.out()::println);
            } else {
                if (partitions == null) {
                    throw new ToolException("--alter requires --partitions");
                }
                service.increasePartitions(selected(service, true), partitions).forEach(io.out()::println);
            }
        }
        return 0;
    }

    private TopicService openService() {
        if (connection.zookeeper != null) {
            return new ZkTopicService(ZkSession.connect(connection.zookeeper), new SecureRandom());
        }
        return new AdminTopicService(ClientConfigs.admin(connection.bootstrapServer, commandConfig));
    }

    private void create(TopicService service) throws Exception {
        String name = requireTopic("--create");
        if (ifNotExists && service.listNames().contains(name)) {
            return;
        }
        if (name.contains(".") || name.contains("_")) {
            io.out().println("WARNING: Due to limitations in metric names, topics with a period ('.') or underscore "
                    + "('_') could collide. To avoid issues it is best to use either, but not both.");
        }
        service.create(new NewTopicSpec(name, Optional.ofNullable(partitions), Optional.ofNullable(replicationFactor),
                configs));
        io.out().println("Created topic " + name + ".");
    }

    private void list(TopicService service) throws Exception {
        List<String> deleting = service.markedForDeletion();
        for (String name : selected(service, false)) {
            io.out().println(deleting.contains(name) ? name + " - marked for deletion" : name);
        }
    }

    /**
     * Topics the command applies to: all, or those matching {@code --topic}. When a topic was named but nothing
     * matches, that is an error unless {@code --if-exists} (or the action is a plain list).
     */
    private List<String> selected(TopicService service, boolean requireTopicFlag) throws Exception {
        if (requireTopicFlag) {
            requireTopic(action.delete ? "--delete" : "--alter");
        }
        List<String> names = service.listNames();
        if (excludeInternal) {
            names = names.stream().filter(n -> !INTERNAL_TOPICS.contains(n)).toList();
        }
        if (topic == null) {
            return names;
        }
        List<String> matching = TopicPattern.of(topic).filter(names);
        if (matching.isEmpty() && !ifExists && !action.list) {
            throw new ToolException("Topic '" + topic + "' does not exist as expected");
        }
        return matching;
    }

    private String requireTopic(String actionFlag) {
        if (topic == null) {
            throw new ToolException(actionFlag + " requires --topic");
        }
        return topic;
    }
}
