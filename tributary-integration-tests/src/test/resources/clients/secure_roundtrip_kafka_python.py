"""kafka-python round trip over a secured listener: produces COUNT values to TOPIC, reads them back, exits.

Usage: secure_roundtrip_kafka_python.py CONFIG_JSON TOPIC COUNT
CONFIG_JSON holds kafka-python keyword arguments (bootstrap_servers, security_protocol, sasl_*, ssl_*).
Exits 0 once every value was read back, 3 if the client could not connect or authenticate, 2 otherwise.
"""
import json
import sys
import time

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.errors import KafkaError


def main():
    with open(sys.argv[1]) as f:
        config = json.load(f)
    topic, count = sys.argv[2], int(sys.argv[3])
    try:
        producer = KafkaProducer(client_id="kafka-python-secure", acks="all", **config)
        for i in range(count):
            producer.send(topic, ("kafka-python-%d" % i).encode("utf-8")).get(timeout=30)
        producer.close()
    except KafkaError as e:
        print("producer failed: %r" % e, flush=True)
        sys.exit(3)
    consumer = KafkaConsumer(client_id="kafka-python-secure", enable_auto_commit=False, **config)
    partition = TopicPartition(topic, 0)
    consumer.assign([partition])
    consumer.seek_to_beginning(partition)
    read = []
    deadline = time.time() + 30
    while len(read) < count and time.time() < deadline:
        for records in consumer.poll(timeout_ms=200).values():
            read.extend(r.value.decode("utf-8") for r in records)
    consumer.close()
    print("read %d" % len(read), flush=True)
    sys.exit(0 if len(read) >= count else 2)


if __name__ == "__main__":
    main()
