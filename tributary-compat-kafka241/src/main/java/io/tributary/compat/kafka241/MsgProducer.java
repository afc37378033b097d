package io.tributary.compat.kafka241;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer program of the requirement documents, as written there for kafka-clients 2.4.1: five JSON orders
 * keyed by order id, sent asynchronously, each callback printing {@code topic-T|partition-P|offset-O}. Only the
 * bootstrap servers and topic come from the command line ({@code MsgProducer host:port topic}) instead of
 * constants, a failed send prints the exception rather than its stack-trace array, and the latch wait is longer
 * so a slow test machine does not cut it short.
 */
public final class MsgProducer {

    private MsgProducer() {
    }

    public static void main(String[] args) throws InterruptedException {
        String bootstrapServers = args.length > 0 ? args[0] : "127.0.0.1:9092";
        String topicName = args.length > 1 ? args[1] : "my-replicated-topic";

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        Producer<String, String> producer = new KafkaProducer<String, String>(props);

        int msgNum = 5;
        final CountDownLatch countDownLatch = new CountDownLatch(msgNum);
        for (int i = 1; i <= msgNum; i++) {
            Order order = new Order(i, 100 + i, 1, 1000.00);
            ProducerRecord<String, String> producerRecord =
                    new ProducerRecord<String, String>(topicName, order.getOrderId().toString(), order.toJson());
            producer.send(producerRecord, new Callback() {
                public void onCompletion(RecordMetadata metadata, Exception exception) {
                    if (exception != null) {
                        System.err.println("发送消息失败:" + exception);
                    }
                    if (metadata != null) {
                        System.out.println("异步方式发送消息结果:" + "topic-" + metadata.topic() + "|partition-"
                                + metadata.partition() + "|offset-" + metadata.offset());
                    }
                    countDownLatch.countDown();
                }
            });
        }

        countDownLatch.await(30, TimeUnit.SECONDS);
        producer.close();
    }
}
