"""kafka-python group consumer: reads COUNT records of TOPIC in GROUP, commits, prints each value, exits.

Usage: kafka_python_group_consumer.py BOOTSTRAP TOPIC GROUP COUNT
Exits 0 once COUNT values were read and committed, 2 if that did not happen within 45 s.
"""
import sys
import time

from kafka import KafkaConsumer


def main():
    bootstrap, topic, group, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=group, client_id="kafka-python",
                             auto_offset_reset="earliest", enable_auto_commit=False,
                             session_timeout_ms=10000, heartbeat_interval_ms=1000, fetch_max_wait_ms=200)
    read = 0
    deadline = time.time() + 45
    while read < count and time.time() < deadline:
        batches = consumer.poll(timeout_ms=200)
        for records in batches.values():
            for record in records:
                print(record.value.decode("utf-8"), flush=True)
                read += 1
        if batches:
            consumer.commit()
    consumer.close()
    sys.exit(0 if read >= count else 2)


if __name__ == "__main__":
    main()
