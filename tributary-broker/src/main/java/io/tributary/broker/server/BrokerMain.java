package io.tributary.broker.server;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.ConfigException;
import io.tributary.common.Time;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a broker from a server.properties file, like kafka-server-start.sh:
 * {@code BrokerMain config/server.properties [--override key=value ...]}. SIGTERM stops it cleanly.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("USAGE: server-start server.properties [--override property=value]*");
            System.exit(1);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--override") && i + 1 < args.length) {
                String[] kv = args[++i].split("=", 2);
                overrides.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        BrokerConfig config;
        try {
            config = BrokerConfig.load(Path.of(args[0]), overrides);
        } catch (ConfigException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            System.exit(1);
            return;
        }
        Broker broker = new Broker(config, Time.SYSTEM);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            // config/log4j2.xml leaves Log4j's own shutdown hook off so that these last lines are still written.
            org.apache.logging.log4j.LogManager.shutdown();
            stopped.countDown();
        }, "shutdown"));
        try {
            broker.start();
        } catch (ConfigException e) {
            System.err.println("Broker failed to start: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("Broker failed to start: " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(BrokerMain.class).error("Start-up failed", e);
            System.exit(1);
        }
        stopped.await();
    }
}
