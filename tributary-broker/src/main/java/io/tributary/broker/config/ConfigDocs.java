package io.tributary.broker.config;

import io.tributary.broker.group.ConsumerGroupConfig;
import io.tributary.broker.group.GroupCoordinatorConfig;
import io.tributary.broker.txn.TxnConfig;
import io.tributary.storage.config.LogConfig;
import io.tributary.storage.config.LogConfigKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generates docs/configuration.md from the key declarations themselves, so the documentation of
 * every key lives next to its default and validation and cannot drift:
 * {@code ConfigDocs docs/configuration.md}.
 */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "docs/configuration.md");
        Files.writeString(target, render(), StandardCharsets.UTF_8);
    }

    public static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration\n\n")
                .append("Generated from the code by `io.tributary.broker.config.ConfigDocs`; do not edit by hand.\n")
                .append("Keys are Kafka's, so an existing `server.properties` keeps working. A bad value stops the\n")
                .append("broker at start-up with a message naming the key.\n\n");
        md.append("## Broker (`server.properties`)\n\n| key | default | meaning |\n|---|---|---|\n");
        for (ConfigKey<?> key : BrokerConfigKeys.ALL) {
            row(md, key.name(), key.defaultText(), key.doc());
        }
        md.append("\n## Listeners and security (`server.properties`)\n\n| key | default | meaning |\n|---|---|---|\n");
        for (ConfigKey<?> key : SecurityConfigKeys.ALL) {
            row(md, key.name(), key.defaultText(), key.doc());
        }
        md.append("\n## Admin endpoint: metrics, health, console (`server.properties`)\n\n| key | default | meaning |\n|---|---|---|\n");
        for (ConfigKey<?> key : AdminConfigKeys.ALL) {
            row(md, key.name(), key.defaultText(), key.doc());
        }
        md.append("\n## Consumer groups and offsets (`server.properties`)\n\n| key | default | meaning |\n|---|---|---|\n");
        for (GroupCoordinatorConfig.Key key : GroupCoordinatorConfig.KEYS) {
            row(md, key.name(), key.defaultValue(), key.doc());
        }
        for (GroupCoordinatorConfig.Key key : ConsumerGroupConfig.KEYS) {
            row(md, key.name(), key.defaultValue(), key.doc());
        }
        md.append("\n## Transactions (`server.properties`)\n\n| key | default | meaning |\n|---|---|---|\n");
        for (GroupCoordinatorConfig.Key key : TxnConfig.KEYS) {
            row(md, key.name(), key.defaultValue(), key.doc());
        }
        md.append("\n## Topic-level (`--config k=v` at creation, or altered live)\n\n")
                .append("| key | default | allowed | meaning |\n|---|---|---|---|\n");
        for (LogConfigKey key : LogConfig.KEYS) {
            md.append("| `").append(key.name()).append("` | ").append(text(key.defaultValue())).append(" | ")
                    .append(text(key.allowed())).append(" | ").append(text(key.doc())).append(" |\n");
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String name, String defaultValue, String doc) {
        md.append("| `").append(name).append("` | ").append(text(defaultValue)).append(" | ").append(text(doc)).append(" |\n");
    }

    private static String text(String value) {
        return value == null ? "(none)" : value.replace("|", "\\|");
    }
}
