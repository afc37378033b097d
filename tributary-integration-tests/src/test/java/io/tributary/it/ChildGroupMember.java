package io.tributary.it;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A group member meant to die: run in a child JVM with the test class path, it subscribes to a topic, and for
 * every record prints {@code RECORD <partition> <offset> <value>}, sleeps {@code <delayMs>} and commits that
 * record's next offset synchronously. On each assignment it prints {@code ASSIGNED <p> <p>...}. It runs until
 * killed. Arguments: bootstrap topic group clientId delayMs.
 */
public final class ChildGroupMember {

    private ChildGroupMember() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        String group = args[2];
        String clientId = args[3];
        long delayMs = Long.parseLong(args[4]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Properties config = new Properties();
        config.putAll(GroupMembers.memberConfig(bootstrap, group, clientId));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    StringBuilder line = new StringBuilder("ASSIGNED");
                    consumer.assignment().forEach(tp -> line.append(' ').append(tp.partition()));
                    out.println(line);
                }
            });
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    out.println("RECORD " + record.partition() + " " + record.offset() + " " + record.value());
                    Thread.sleep(delayMs);
                    consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1)));
                }
            }
        }
    }
}
