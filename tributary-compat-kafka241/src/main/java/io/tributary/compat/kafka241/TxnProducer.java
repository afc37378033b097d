package io.tributary.compat.kafka241;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A kafka-clients 2.4.1 transactional producer: {@code TxnProducer host:port topic transactionalId input output group}.
 * Commits one transaction of nine records spread over the topic's three partitions ({@code committed-i} to
 * partition {@code i % 3}), aborts a second one ({@code aborted-i}), then runs one round of consume-transform-produce:
 * reads every record of {@code input} with a read_committed consumer of {@code group}, writes {@code out-<value>} to
 * {@code output} and commits the consumed offsets with {@code sendOffsetsToTransaction(offsets, groupId)}, the
 * 2.4 form. Prints {@code DONE} at the end; any failure exits non-zero.
 */
public final class TxnProducer {

    private TxnProducer() {
    }

    public static void main(String[] args) {
        String bootstrap = args[0];
        String topic = args[1];
        String transactionalId = args[2];
        String input = args[3];
        String output = args[4];
        String group = args[5];

        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("transactional.id", transactionalId);
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<String, String>(props)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 9; i++) {
                producer.send(new ProducerRecord<String, String>(topic, i % 3, "k" + i, "committed-" + i));
            }
            producer.commitTransaction();
            System.out.println("COMMITTED");

            producer.beginTransaction();
            for (int i = 0; i < 9; i++) {
                producer.send(new ProducerRecord<String, String>(topic, i % 3, "k" + i, "aborted-" + i));
            }
            producer.flush();
            producer.abortTransaction();
            System.out.println("ABORTED");

            transform(producer, bootstrap, input, output, group);
            System.out.println("DONE");
        }
    }

    private static void transform(KafkaProducer<String, String> producer, String bootstrap, String input, String output,
                                  String group) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", group);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<String, String>(props)) {
            consumer.subscribe(Collections.singletonList(input));
            List<ConsumerRecord<String, String>> records = new ArrayList<ConsumerRecord<String, String>>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (records.size() < 10 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    records.add(record);
                }
            }
            if (records.size() < 10) {
                throw new IllegalStateException("read only " + records.size() + " input records");
            }
            producer.beginTransaction();
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<TopicPartition, OffsetAndMetadata>();
            for (ConsumerRecord<String, String> record : records) {
                producer.send(new ProducerRecord<String, String>(output, record.key(), "out-" + record.value()));
                offsets.put(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
            }
            producer.sendOffsetsToTransaction(offsets, group);
            producer.commitTransaction();
        }
    }
}
