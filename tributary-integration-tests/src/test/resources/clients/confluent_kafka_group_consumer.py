"""confluent-kafka (librdkafka) group consumer: reads COUNT records of TOPIC in GROUP, commits, prints each value.

Usage: confluent_kafka_group_consumer.py BOOTSTRAP TOPIC GROUP COUNT
Exits 0 once COUNT values were read and committed, 2 if that did not happen within 45 s.
"""
import sys
import time

from confluent_kafka import Consumer, KafkaException


def main():
    bootstrap, topic, group, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "client.id": "confluent-kafka",
                         "auto.offset.reset": "earliest", "enable.auto.commit": False,
                         "session.timeout.ms": 10000, "heartbeat.interval.ms": 1000})
    consumer.subscribe([topic])
    read = 0
    deadline = time.time() + 45
    while read < count and time.time() < deadline:
        message = consumer.poll(0.2)
        if message is None:
            continue
        if message.error():
            raise KafkaException(message.error())
        print(message.value().decode("utf-8"), flush=True)
        read += 1
        consumer.commit(message=message, asynchronous=False)
    consumer.close()
    sys.exit(0 if read >= count else 2)


if __name__ == "__main__":
    main()
