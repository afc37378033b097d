package io.tributary.tools;

import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Checks up front that a bootstrap address answers, for tools (console producer and consumer, perf tests) whose
 * clients would otherwise retry silently forever. Costs one short-lived admin connection.
 */
public final class BrokerReachability {

    private BrokerReachability() {
    }

    /** Throws a {@link ToolException} naming {@code bootstrap} when no broker there answers in time. */
    public static void require(String bootstrap) {
        require(bootstrap, new Properties());
    }

    /**
     * As {@link #require(String)}, connecting with the security settings ({@code security.protocol}, {@code ssl.*},
     * {@code sasl.*}) of the tool's client config, so a TLS or SASL listener is checked the way the tool's client
     * will connect to it.
     */
    public static void require(String bootstrap, Properties clientConfig) {
        Properties props = ClientConfigs.admin(bootstrap, null);
        clientConfig.forEach((key, value) -> {
            String name = String.valueOf(key);
            if (name.equals("security.protocol") || name.startsWith("ssl.") || name.startsWith("sasl.")) {
                props.put(name, value);
            }
        });
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(ClientConfigs.ADMIN_API_TIMEOUT_MS))
                    .clusterId().get(ClientConfigs.ADMIN_API_TIMEOUT_MS + 2_000L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while contacting " + bootstrap);
        } catch (Exception e) {
            throw new ToolException("cannot reach broker at " + bootstrap + " ("
                    + ErrorMessages.oneLine(e, null) + ")");
        }
    }
}
