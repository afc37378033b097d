package io.tributary.tools;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Builds kafka-clients configuration for the tools: a client-properties file (e.g. {@code --command-config},
 * {@code --producer.config}) overlaid by flags. Admin clients get short timeouts so that an unreachable broker is
 * reported within about ten seconds instead of the client default of a minute.
 */
public final class ClientConfigs {

    /** How long an admin call may take before the tool reports the broker as unreachable. */
    public static final int ADMIN_API_TIMEOUT_MS = 10_000;

    private ClientConfigs() {
    }

    /** Properties read from {@code file}; empty when {@code file} is null. */
    public static Properties load(Path file) {
        Properties props = new Properties();
        if (file == null) {
            return props;
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (NoSuchFileException e) {
            throw new ToolException("config file not found: " + file);
        } catch (IOException e) {
            throw new ToolException("cannot read config file " + file + ": " + e.getMessage());
        }
        return props;
    }

    /** Admin client properties: file first, then the bootstrap address, short timeouts unless the file set them. */
    public static Properties admin(String bootstrap, Path commandConfig) {
        Properties props = load(commandConfig);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(ADMIN_API_TIMEOUT_MS));
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(ADMIN_API_TIMEOUT_MS - 2_000));
        props.putIfAbsent(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        props.putIfAbsent(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "1000");
        return props;
    }

    /** Requires a bootstrap address from one of the two flag spellings Kafka accepted over the years. */
    public static String bootstrap(String bootstrapServer, String brokerList) {
        if (bootstrapServer != null) {
            return bootstrapServer;
        }
        if (brokerList != null) {
            return brokerList;
        }
        throw new ToolException("Missing required option: '--bootstrap-server=<host:port>'");
    }
}
