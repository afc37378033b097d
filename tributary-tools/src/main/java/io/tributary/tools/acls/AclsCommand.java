package io.tributary.tools.acls;

import io.tributary.tools.ClientConfigs;
import io.tributary.tools.KafkaTool;
import io.tributary.tools.ToolException;
import io.tributary.tools.ToolIo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary acls}: add, remove and list ACLs with kafka-acls.sh's flags, through the Admin API
 * (CreateAcls, DeleteAcls, DescribeAcls), printing what kafka-acls.sh prints.
 */
@Command(name = "acls", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Add, remove or list ACLs (the flags of kafka-acls.sh).")
public final class AclsCommand extends KafkaTool {

    @Option(names = "--bootstrap-server", required = true, paramLabel = "<host:port>", description = "Broker(s) to connect to.")
    String bootstrapServer;

    @Option(names = "--command-config", paramLabel = "<file>", description = "Admin client properties file.")
    Path commandConfig;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Action (exactly one):%n")
    Action action;

    static final class Action {
        @Option(names = "--add", description = "Add ACLs.") boolean add;
        @Option(names = "--remove", description = "Remove ACLs.") boolean remove;
        @Option(names = "--list", description = "List ACLs.") boolean list;
    }

    @Option(names = "--allow-principal", paramLabel = "<User:name>", description = "Principal granted (repeatable).")
    List<String> allowPrincipals = new ArrayList<>();

    @Option(names = "--deny-principal", paramLabel = "<User:name>", description = "Principal denied (repeatable).")
    List<String> denyPrincipals = new ArrayList<>();

    @Option(names = "--allow-host", paramLabel = "<host>", description = "Host of the allowed principals (default *).")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--deny-host", paramLabel = "<host>", description = "Host of the denied principals (default *).")
    List<String> denyHosts = new ArrayList<>();

    @Option(names = "--operation", paramLabel = "<op>", description = "Read, Write, Create, Delete, Alter, Describe, "
            + "ClusterAction, DescribeConfigs, AlterConfigs, IdempotentWrite, All (repeatable; default All).")
    List<String> operations = new ArrayList<>();

    @Option(names = "--topic", paramLabel = "<topic>", description = "Topic resource (repeatable; * for all).")
    List<String> topics = new ArrayList<>();

    @Option(names = "--group", paramLabel = "<group>", description = "Group resource (repeatable; * for all).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--transactional-id", paramLabel = "<id>", description = "Transactional id resource (repeatable).")
    List<String> transactionalIds = new ArrayList<>();

    @Option(names = "--cluster", description = "The cluster resource.")
    boolean cluster;

    @Option(names = "--resource-pattern-type", paramLabel = "<type>", defaultValue = "literal",
            description = "literal or prefixed (and, with --list/--remove, any or match); default literal.")
    String patternTypeName;

    @Option(names = "--principal", paramLabel = "<User:name>", description = "With --list: only this principal's ACLs.")
    List<String> listPrincipals = new ArrayList<>();

    @Option(names = "--producer", description = "Convenience: WRITE, DESCRIBE and CREATE on --topic.")
    boolean producer;

    @Option(names = "--consumer", description = "Convenience: READ and DESCRIBE on --topic, READ on --group.")
    boolean consumer;

    @Option(names = "--idempotent", description = "With --producer: also IDEMPOTENT_WRITE on the cluster.")
    boolean idempotent;

    @Option(names = "--force", description = "Do not ask for confirmation (removal never asks here).")
    boolean force;

    public AclsCommand(ToolIo io) {
        super(io);
    }

    @Override
    protected String target() {
        return bootstrapServer;
    }

    @Override
    protected int run() throws Exception {
        PatternType patternType = patternType();
        try (Admin admin = Admin.create(ClientConfigs.admin(bootstrapServer, commandConfig))) {
            if (action.list) {
                list(admin, patternType);
            } else if (action.add) {
                add(admin, patternType);
            } else {
                remove(admin, patternType);
            }
        }
        return 0;
    }

    private void add(Admin admin, PatternType patternType) throws Exception {
        if (patternType != PatternType.LITERAL && patternType != PatternType.PREFIXED) {
            throw new ToolException("A '--resource-pattern-type' value of '" + patternTypeName + "' is not valid when adding acls.");
        }
        Map<ResourcePattern, Set<AccessControlEntry>> wanted = bindings(patternType);
        List<AclBinding> all = new ArrayList<>();
        wanted.forEach((pattern, entries) -> entries.forEach(e -> all.add(new AclBinding(pattern, e))));
        if (all.isEmpty()) {
            throw new ToolException("You must specify one of: --allow-principal, --deny-principal when trying to add ACLs.");
        }
        for (Map.Entry<ResourcePattern, Set<AccessControlEntry>> e : wanted.entrySet()) {
            io.out().println("Adding ACLs for resource `" + e.getKey() + "`: ");
            e.getValue().forEach(entry -> io.out().println(" \t" + entry + " "));
            io.out().println();
        }
        admin.createAcls(all).all().get(30, TimeUnit.SECONDS);
        for (ResourcePattern pattern : wanted.keySet()) {
            printCurrent(admin, pattern.toFilter());
        }
    }

    private void remove(Admin admin, PatternType patternType) throws Exception {
        List<AclBindingFilter> filters = new ArrayList<>();
        Map<ResourcePattern, Set<AccessControlEntry>> wanted = bindings(patternType == PatternType.ANY
                || patternType == PatternType.MATCH ? PatternType.LITERAL : patternType);
        boolean anyPrincipal = allowPrincipals.isEmpty() && denyPrincipals.isEmpty();
        for (ResourcePatternFilter resource : resourceFilters(patternType)) {
            if (anyPrincipal) {
                filters.add(new AclBindingFilter(resource, AccessControlEntryFilter.ANY));
                io.out().println("Removing ACLs for resource filter `" + resource + "`");
            }
        }
        if (!anyPrincipal) {
            for (Map.Entry<ResourcePattern, Set<AccessControlEntry>> e : wanted.entrySet()) {
                ResourcePatternFilter resource = new ResourcePatternFilter(e.getKey().resourceType(), e.getKey().name(), patternType);
                for (AccessControlEntry entry : e.getValue()) {
                    filters.add(new AclBindingFilter(resource, entry.toFilter()));
                }
            }
        }
        Collection<AclBinding> removed = admin.deleteAcls(filters).all().get(30, TimeUnit.SECONDS);
        for (AclBinding binding : removed) {
            io.out().println("Removed " + binding.entry() + " from `" + binding.pattern() + "`");
        }
    }

    private void list(Admin admin, PatternType patternType) throws Exception {
        List<ResourcePatternFilter> resources = resourceFilters(patternType);
        if (resources.isEmpty()) {
            resources = List.of(ResourcePatternFilter.ANY);
        }
        for (ResourcePatternFilter resource : resources) {
            if (listPrincipals.isEmpty()) {
                printCurrent(admin, resource);
            } else {
                for (String principal : listPrincipals) {
                    printCurrent(admin, resource, new AccessControlEntryFilter(principal, null, AclOperation.ANY,
                            AclPermissionType.ANY));
                }
            }
        }
    }

    private void printCurrent(Admin admin, ResourcePatternFilter resource) throws Exception {
        printCurrent(admin, resource, AccessControlEntryFilter.ANY);
    }

    private void printCurrent(Admin admin, ResourcePatternFilter resource, AccessControlEntryFilter entry) throws Exception {
        Map<ResourcePattern, List<AccessControlEntry>> grouped = new LinkedHashMap<>();
        for (AclBinding binding : admin.describeAcls(new AclBindingFilter(resource, entry)).values().get(30, TimeUnit.SECONDS)) {
            grouped.computeIfAbsent(binding.pattern(), p -> new ArrayList<>()).add(binding.entry());
        }
        grouped.forEach((pattern, entries) -> {
            io.out().println("Current ACLs for resource `" + pattern + "`: ");
            entries.forEach(e -> io.out().println(" \t" + e + " "));
            io.out().println();
        });
    }

    /** The ACLs the flags describe, per resource, as kafka-acls.sh builds them (conveniences included). */
    private Map<ResourcePattern, Set<AccessControlEntry>> bindings(PatternType patternType) {
        Map<ResourcePattern, Set<AccessControlEntry>> result = new LinkedHashMap<>();
        if (producer || consumer) {
            if (topics.isEmpty()) {
                throw new ToolException("With --producer or --consumer you must specify a --topic");
            }
            for (String topic : topics) {
                Set<AclOperation> ops = new LinkedHashSet<>();
                if (producer) {
                    ops.addAll(List.of(AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.CREATE));
                }
                if (consumer) {
                    ops.addAll(List.of(AclOperation.READ, AclOperation.DESCRIBE));
                }
                result.put(new ResourcePattern(ResourceType.TOPIC, topic, patternType), entries(ops));
            }
            if (consumer) {
                if (groups.isEmpty()) {
                    throw new ToolException("With --consumer you must specify a --group");
                }
                groups.forEach(g -> result.put(new ResourcePattern(ResourceType.GROUP, g, patternType),
                        entries(Set.of(AclOperation.READ))));
            }
            if (producer) {
                transactionalIds.forEach(t -> result.put(new ResourcePattern(ResourceType.TRANSACTIONAL_ID, t, patternType),
                        entries(new LinkedHashSet<>(List.of(AclOperation.WRITE, AclOperation.DESCRIBE)))));
                if (idempotent) {
                    result.put(new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                            entries(Set.of(AclOperation.IDEMPOTENT_WRITE)));
                }
            }
            return result;
        }
        Set<AclOperation> ops = new LinkedHashSet<>();
        for (String op : operations.isEmpty() ? List.of("All") : operations) {
            ops.add(operation(op));
        }
        for (ResourcePatternFilter resource : resourceFilters(patternType)) {
            result.put(new ResourcePattern(resource.resourceType(), resource.name(), resource.patternType()), entries(ops));
        }
        if (result.isEmpty()) {
            throw new ToolException("You must specify one of: --topic, --cluster, --group, --transactional-id");
        }
        return result;
    }

    private Set<AccessControlEntry> entries(Set<AclOperation> ops) {
        Set<AccessControlEntry> entries = new LinkedHashSet<>();
        for (String principal : allowPrincipals) {
            for (String host : allowHosts.isEmpty() ? List.of("*") : allowHosts) {
                ops.forEach(op -> entries.add(new AccessControlEntry(principal, host, op, AclPermissionType.ALLOW)));
            }
        }
        for (String principal : denyPrincipals) {
            for (String host : denyHosts.isEmpty() ? List.of("*") : denyHosts) {
                ops.forEach(op -> entries.add(new AccessControlEntry(principal, host, op, AclPermissionType.DENY)));
            }
        }
        return entries;
    }

    private List<ResourcePatternFilter> resourceFilters(PatternType patternType) {
        List<ResourcePatternFilter> filters = new ArrayList<>();
        topics.forEach(t -> filters.add(new ResourcePatternFilter(ResourceType.TOPIC, t, patternType)));
        groups.forEach(g -> filters.add(new ResourcePatternFilter(ResourceType.GROUP, g, patternType)));
        transactionalIds.forEach(t -> filters.add(new ResourcePatternFilter(ResourceType.TRANSACTIONAL_ID, t, patternType)));
        if (cluster) {
            filters.add(new ResourcePatternFilter(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL));
        }
        return filters;
    }

    private PatternType patternType() {
        try {
            PatternType type = PatternType.fromString(patternTypeName.toUpperCase());
            if (type != PatternType.UNKNOWN) {
                return type;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ToolException("Unknown --resource-pattern-type " + patternTypeName + ": use literal, prefixed, any or match");
    }

    private static AclOperation operation(String name) {
        String normalized = name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase();
        try {
            AclOperation op = AclOperation.fromString(normalized);
            if (op != AclOperation.UNKNOWN && op != AclOperation.ANY) {
                return op;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ToolException("Unknown --operation " + name);
    }
}
