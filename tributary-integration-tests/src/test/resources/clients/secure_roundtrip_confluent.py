"""confluent-kafka (librdkafka) round trip over a secured listener: produces COUNT values, reads them back.

Usage: secure_roundtrip_confluent.py CONFIG_JSON TOPIC COUNT
CONFIG_JSON holds librdkafka properties (bootstrap.servers, security.protocol, sasl.*, ssl.*).
Exits 0 once every value was read back, 3 if the client could not connect or authenticate, 2 otherwise.
"""
import json
import sys
import time

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition


def main():
    with open(sys.argv[1]) as f:
        config = json.load(f)
    topic, count = sys.argv[2], int(sys.argv[3])
    failures = []

    def on_error(error):
        failures.append(error)

    producer = Producer(dict(config, **{"error_cb": on_error, "client.id": "confluent-secure"}))
    delivered = []
    for i in range(count):
        producer.produce(topic, ("confluent-%d" % i).encode("utf-8"),
                         on_delivery=lambda err, msg: delivered.append(err))
    remaining = producer.flush(10)
    if remaining or not delivered or any(e is not None for e in delivered):
        print("producer failed: %s %s" % (failures, delivered), flush=True)
        sys.exit(3)
    consumer = Consumer(dict(config, **{"group.id": "confluent-secure", "enable.auto.commit": False,
                                        "error_cb": on_error}))
    consumer.assign([TopicPartition(topic, 0, 0)])
    read = []
    deadline = time.time() + 30
    while len(read) < count and time.time() < deadline:
        message = consumer.poll(0.2)
        if message is not None and message.error() is None:
            read.append(message.value().decode("utf-8"))
    consumer.close()
    print("read %d" % len(read), flush=True)
    sys.exit(0 if len(read) >= count else 2)


if __name__ == "__main__":
    main()
