package io.tributary.tools.console;

import io.tributary.tools.ToolException;
import java.util.Properties;
import java.util.Random;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Derives the console consumer's client properties from its flags, with Kafka's rules: one group id no matter
 * where it was given; a random {@code console-consumer-NNNNN} group (without committed offsets) when none was;
 * {@code --from-beginning} means {@code auto.offset.reset=earliest}, otherwise latest.
 *
 * <p>Offsets are committed by the tool itself for records it has printed (see {@link ConsumeLoop}), so the
 * client's own auto-commit is always switched off; {@link #commitOffsets()} says whether the tool commits.
 */
public final class ConsumerSettings {

    private final Properties props;
    private final boolean commitOffsets;
    private final String groupId;

    private ConsumerSettings(Properties props, boolean commitOffsets, String groupId) {
        this.props = props;
        this.commitOffsets = commitOffsets;
        this.groupId = groupId;
    }

    /**
     * @param fromFile  properties from {@code --consumer.config} (possibly empty)
     * @param fromFlags properties from {@code --consumer-property} (override the file)
     */
    public static ConsumerSettings build(String bootstrap, Properties fromFile, Properties fromFlags, String group,
                                         boolean fromBeginning, String isolationLevel, Random random) {
        Properties props = new Properties();
        props.putAll(fromFile);
        props.putAll(fromFlags);
        TreeSet<String> groups = new TreeSet<>();
        if (group != null) {
            groups.add(group);
        }
        if (fromFile.getProperty(ConsumerConfig.GROUP_ID_CONFIG) != null) {
            groups.add(fromFile.getProperty(ConsumerConfig.GROUP_ID_CONFIG));
        }
        if (fromFlags.getProperty(ConsumerConfig.GROUP_ID_CONFIG) != null) {
            groups.add(fromFlags.getProperty(ConsumerConfig.GROUP_ID_CONFIG));
        }
        if (groups.size() > 1) {
            throw new ToolException("The group ids provided in different places (directly using '--group', via "
                    + "'--consumer-property', or via '--consumer.config') do not match. Detected group ids: "
                    + String.join(", ", groups.stream().map(g -> "'" + g + "'").toList()));
        }
        boolean userGroup = !groups.isEmpty();
        String groupId = userGroup ? groups.first() : "console-consumer-" + random.nextInt(100_000);
        boolean autoCommit = Boolean.parseBoolean(
                props.getProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, String.valueOf(userGroup)));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        if (fromBeginning) {
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        } else {
            props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        }
        if (isolationLevel != null) {
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        }
        return new ConsumerSettings(props, autoCommit, groupId);
    }

    public Properties props() {
        return props;
    }

    public boolean commitOffsets() {
        return commitOffsets;
    }

    public String groupId() {
        return groupId;
    }
}
