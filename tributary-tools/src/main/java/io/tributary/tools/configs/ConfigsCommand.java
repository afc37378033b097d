package io.tributary.tools.configs;

import io.tributary.broker.security.sasl.ScramCredential;
import io.tributary.broker.security.sasl.ScramMechanism;
import io.tributary.broker.zk.KafkaZkClient;
import io.tributary.common.Time;
import io.tributary.tools.ClientConfigs;
import io.tributary.tools.KafkaTool;
import io.tributary.tools.ToolException;
import io.tributary.tools.ToolIo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary configs}: SCRAM credentials of users with kafka-configs.sh's flags
 * ({@code --entity-type users --entity-name alice --alter --add-config 'SCRAM-SHA-256=[password=...]'}),
 * through the Admin API ({@code --bootstrap-server}) or written straight to ZooKeeper in Kafka 2.x's layout
 * ({@code --zookeeper}, salted and iterated, never the password). Topic and broker configs stay with
 * {@code tributary topics} and the Admin API.
 */
@Command(name = "configs", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Add, delete or describe users' SCRAM credentials (the flags of kafka-configs.sh).")
public final class ConfigsCommand extends KafkaTool {

    private static final Pattern SCRAM_ENTRY = Pattern.compile("(SCRAM-SHA-(?:256|512))=\\[([^\\]]*)\\]");

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Where (exactly one):%n")
    Where where;

    static final class Where {
        @Option(names = "--bootstrap-server", paramLabel = "<host:port>", description = "Broker(s) to connect to.")
        String bootstrapServer;
        @Option(names = "--zookeeper", paramLabel = "<host:port>", description = "ZooKeeper to write to directly.")
        String zookeeper;
    }

    @Option(names = "--command-config", paramLabel = "<file>", description = "Admin client properties file.")
    Path commandConfig;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Action (exactly one):%n")
    Action action;

    static final class Action {
        @Option(names = "--alter", description = "Add or delete configs.") boolean alter;
        @Option(names = "--describe", description = "Describe the entity's configs.") boolean describe;
    }

    @Option(names = "--entity-type", required = true, paramLabel = "<type>", description = "users")
    String entityType;

    @Option(names = "--entity-name", paramLabel = "<name>", description = "The user.")
    String entityName;

    @Option(names = "--add-config", paramLabel = "<configs>",
            description = "SCRAM-SHA-256=[iterations=8192,password=...],SCRAM-SHA-512=[password=...]")
    String addConfig;

    @Option(names = "--delete-config", paramLabel = "<names>", description = "SCRAM-SHA-256,SCRAM-SHA-512")
    String deleteConfig;

    public ConfigsCommand(ToolIo io) {
        super(io);
    }

    @Override
    protected String target() {
        return where.bootstrapServer != null ? where.bootstrapServer : where.zookeeper;
    }

    /** A requested upsertion: mechanism, iterations and the password (never printed). */
    record Upsert(ScramMechanism mechanism, int iterations, String password) {
        @Override
        public String toString() {
            return mechanism.mechanismName() + "[iterations=" + iterations + "]";
        }
    }

    @Override
    protected int run() throws Exception {
        if (!entityType.equals("users")) {
            throw new ToolException("Only --entity-type users (SCRAM credentials) is served by this tool");
        }
        if (entityName == null || entityName.isEmpty()) {
            throw new ToolException("--entity-name is required");
        }
        if (action.alter && addConfig == null && deleteConfig == null) {
            throw new ToolException("--alter needs --add-config or --delete-config");
        }
        List<Upsert> upserts = addConfig == null ? List.of() : parseAdd(addConfig);
        List<ScramMechanism> deletes = deleteConfig == null ? List.of() : parseDelete(deleteConfig);
        if (where.bootstrapServer != null) {
            try (Admin admin = Admin.create(ClientConfigs.admin(where.bootstrapServer, commandConfig))) {
                if (action.alter) {
                    alter(admin, upserts, deletes);
                } else {
                    describe(admin);
                }
            }
        } else {
            try (KafkaZkClient zk = KafkaZkClient.connect(where.zookeeper, 18_000, 10_000, Time.SYSTEM)) {
                if (action.alter) {
                    alter(zk, upserts, deletes);
                } else {
                    describe(zk);
                }
            }
        }
        return 0;
    }

    private void alter(Admin admin, List<Upsert> upserts, List<ScramMechanism> deletes) throws Exception {
        List<UserScramCredentialAlteration> changes = new ArrayList<>();
        for (Upsert u : upserts) {
            changes.add(new UserScramCredentialUpsertion(entityName, new ScramCredentialInfo(
                    org.apache.kafka.clients.admin.ScramMechanism.fromMechanismName(u.mechanism().mechanismName()),
                    u.iterations()), u.password()));
        }
        for (ScramMechanism m : deletes) {
            changes.add(new UserScramCredentialDeletion(entityName,
                    org.apache.kafka.clients.admin.ScramMechanism.fromMechanismName(m.mechanismName())));
        }
        admin.alterUserScramCredentials(changes).all().get(30, TimeUnit.SECONDS);
        io.out().println("Completed updating config for user " + entityName + ".");
    }

    private void describe(Admin admin) throws Exception {
        Map<String, UserScramCredentialsDescription> all = admin.describeUserScramCredentials(List.of(entityName))
                .all().get(30, TimeUnit.SECONDS);
        UserScramCredentialsDescription description = all.get(entityName);
        if (description == null || description.credentialInfos().isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        description.credentialInfos().forEach(i -> parts.add(i.mechanism().mechanismName() + "=iterations=" + i.iterations()));
        io.out().println("SCRAM credential configs for user-principal '" + entityName + "' are " + String.join(", ", parts));
    }

    private void alter(KafkaZkClient zk, List<Upsert> upserts, List<ScramMechanism> deletes) throws Exception {
        Map<String, String> config = new LinkedHashMap<>(zk.userConfig(entityName));
        for (ScramMechanism m : deletes) {
            config.remove(m.mechanismName());
        }
        for (Upsert u : upserts) {
            config.put(u.mechanism().mechanismName(),
                    ScramCredential.fromPassword(u.mechanism(), u.password(), u.iterations()).toZkText());
        }
        zk.setUserConfig(entityName, config);
        io.out().println("Completed updating config for user " + entityName + ".");
    }

    private void describe(KafkaZkClient zk) throws Exception {
        List<String> parts = new ArrayList<>();
        zk.userConfig(entityName).forEach((key, value) -> {
            ScramMechanism m = ScramMechanism.forName(key);
            parts.add(m == null ? key + "=" + value
                    : key + "=iterations=" + ScramCredential.fromZkText(value).iterations());
        });
        io.out().println("Configs for user-principal '" + entityName + "' are " + String.join(",", parts));
    }

    static List<Upsert> parseAdd(String text) {
        List<Upsert> upserts = new ArrayList<>();
        Matcher m = SCRAM_ENTRY.matcher(text);
        int end = 0;
        while (m.find()) {
            if (!text.substring(end, m.start()).replace(",", "").isBlank()) {
                throw new ToolException("Cannot parse --add-config near: " + text.substring(end, m.start()));
            }
            ScramMechanism mechanism = ScramMechanism.forName(m.group(1));
            int iterations = ScramMechanism.MIN_ITERATIONS;
            String password = null;
            for (String part : m.group(2).split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new ToolException("Cannot parse " + m.group(1) + " settings: expected key=value pairs");
                }
                String key = part.substring(0, eq).trim();
                String value = part.substring(eq + 1);
                if (key.equals("iterations")) {
                    try {
                        iterations = Integer.parseInt(value.trim());
                    } catch (NumberFormatException e) {
                        throw new ToolException("iterations of " + m.group(1) + " must be a number");
                    }
                } else if (key.equals("password")) {
                    password = value;
                } else {
                    throw new ToolException("Unknown " + m.group(1) + " setting " + key);
                }
            }
            if (password == null) {
                throw new ToolException(m.group(1) + " needs a password");
            }
            upserts.add(new Upsert(mechanism, iterations, password));
            end = m.end();
        }
        if (upserts.isEmpty() || !text.substring(end).replace(",", "").isBlank()) {
            throw new ToolException("--add-config must look like SCRAM-SHA-256=[password=...] (users' SCRAM credentials)");
        }
        return upserts;
    }

    static List<ScramMechanism> parseDelete(String text) {
        List<ScramMechanism> mechanisms = new ArrayList<>();
        for (String name : text.split(",")) {
            ScramMechanism m = ScramMechanism.forName(name.trim());
            if (m == null) {
                throw new ToolException("Only SCRAM-SHA-256 and SCRAM-SHA-512 can be deleted, not " + name.trim());
            }
            mechanisms.add(m);
        }
        return mechanisms;
    }
}
