package io.tributary.tools.groups;

import io.tributary.tools.BrokerReachability;
import io.tributary.tools.ClientConfigs;
import io.tributary.tools.ErrorMessages;
import io.tributary.tools.KafkaTool;
import io.tributary.tools.ToolException;
import io.tributary.tools.ToolIo;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary consumer-groups}: list, describe, delete consumer groups and reset their offsets.
 */
@Command(name = "consumer-groups", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List, describe, delete consumer groups, or reset their offsets.")
public final class ConsumerGroupsCommand extends KafkaTool {

    @Option(names = "--bootstrap-server", required = true, paramLabel = "<host:port>",
            description = "Broker(s) to connect to.")
    String bootstrapServer;

    @Option(names = "--command-config", paramLabel = "<file>", description = "Admin client properties file.")
    Path commandConfig;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Action (exactly one):%n")
    Action action;

    static final class Action {
        @Option(names = "--list", description = "List all consumer groups.") boolean list;
        @Option(names = "--describe", description = "Describe a group: offsets (default), --members or --state.")
        boolean describe;
        @Option(names = "--delete", description = "Delete a group (it must have no active members).") boolean delete;
        @Option(names = "--reset-offsets", description = "Reset a group's offsets (group must be inactive).")
        boolean resetOffsets;
    }

    @Option(names = "--group", paramLabel = "<group>", description = "The consumer group (repeatable).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--members", description = "With --describe: show the group's members.")
    boolean members;

    @Option(names = "--state", description = "With --describe: show the group's state.")
    boolean state;

    @Option(names = "--offsets", description = "With --describe: show offsets and lag (the default).")
    boolean offsets;

    @Option(names = "--topic", paramLabel = "<topic[:p,p]>", description = "With --reset-offsets: topic to reset.")
    List<String> topics = new ArrayList<>();

    @Option(names = "--all-topics", description = "With --reset-offsets: every topic the group has offsets for.")
    boolean allTopics;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ResetStrategyOptions strategy;

    @Option(names = "--dry-run", description = "Show the new offsets without applying them (the default).")
    boolean dryRun;

    @Option(names = "--execute", description = "Apply the new offsets.")
    boolean execute;

    public ConsumerGroupsCommand(ToolIo io) {
        super(io);
    }

    @Override
    protected String target() {
        return bootstrapServer;
    }

    @Override
    protected int run() throws Exception {
        // The group calls fan out to coordinators; an unreachable bootstrap shows as odd lookup errors, so check first.
        BrokerReachability.require(bootstrapServer, ClientConfigs.load(commandConfig));
        try (Admin admin = Admin.create(ClientConfigs.admin(bootstrapServer, commandConfig))) {
            GroupInspector inspector = new GroupInspector(admin);
            if (action.list) {
                inspector.list().forEach(io.out()::println);
                return 0;
            }
            if (groups.isEmpty()) {
                throw new ToolException("Option --group is required with --describe, --delete and --reset-offsets");
            }
            if (action.describe) {
                return describe(inspector);
            }
            if (action.delete) {
                return delete(admin);
            }
            new OffsetReset(admin, inspector, io.out()).run(groups, resetScope(), strategy(), !execute || dryRun);
            return 0;
        }
    }

    private int describe(GroupInspector inspector) throws Exception {
        for (String group : groups) {
            ConsumerGroupDescription description = inspector.describe(group);
            boolean empty = description.members().isEmpty();
            if (state) {
                io.out().print(GroupTables.state(inspector.stateRow(description)));
            } else if (members) {
                if (empty) {
                    io.out().println("\nConsumer group '" + group + "' has no active members.");
                } else {
                    io.out().print(GroupTables.members(inspector.memberRows(description), verbose()));
                }
            } else {
                if (empty) {
                    io.out().println("\nConsumer group '" + group + "' has no active members.");
                }
                List<PartitionOffsetRow> rows = inspector.offsetRows(description);
                if (!rows.isEmpty()) {
                    io.out().print(GroupTables.offsets(rows));
                }
            }
        }
        return 0;
    }

    private int delete(Admin admin) throws Exception {
        List<String> failed = new ArrayList<>();
        var futures = admin.deleteConsumerGroups(groups).deletedGroups();
        for (String group : groups) {
            try {
                futures.get(group).get();
            } catch (java.util.concurrent.ExecutionException e) {
                failed.add("'" + group + "' (" + ErrorMessages.oneLine(e, bootstrapServer) + ")");
            }
        }
        if (!failed.isEmpty()) {
            throw new ToolException("Deletion of consumer group(s) failed: " + String.join(", ", failed));
        }
        io.out().println("Deletion of requested consumer groups ("
                + String.join(", ", groups.stream().map(g -> "'" + g + "'").toList()) + ") was successful.");
        return 0;
    }

    private OffsetReset.Scope resetScope() {
        if (allTopics == !topics.isEmpty()) {
            throw new ToolException("--reset-offsets needs exactly one of --topic or --all-topics");
        }
        if (!execute && !dryRun) {
            io.err().println("WARN: No action will be performed as the --execute option is missing. "
                    + "Add --dry-run to keep this behaviour explicitly.");
        }
        return new OffsetReset.Scope(allTopics, topics);
    }

    private OffsetReset.Plan strategy() {
        if (strategy == null) {
            throw new ToolException("--reset-offsets needs one of --to-earliest, --to-latest, --to-current, "
                    + "--to-offset, --shift-by, --to-datetime");
        }
        return strategy.toPlan(ZoneId.systemDefault());
    }
}
