"""confluent-kafka (librdkafka) transactional producer.

Usage: confluent_kafka_transactional_producer.py BOOTSTRAP TOPIC TRANSACTIONAL_ID
Commits one transaction of nine records (committed-i to partition i % 3), aborts a second (aborted-i),
prints COMMITTED, ABORTED and DONE; exits non-zero on any failure.
"""
import sys

from confluent_kafka import Producer

bootstrap, topic, transactional_id = sys.argv[1:4]
producer = Producer({
    'bootstrap.servers': bootstrap,
    'transactional.id': transactional_id,
    'transaction.timeout.ms': 60000,
})
producer.init_transactions(30)
producer.begin_transaction()
for i in range(9):
    producer.produce(topic, key='k%d' % i, value='committed-%d' % i, partition=i % 3)
producer.commit_transaction(30)
print('COMMITTED', flush=True)
producer.begin_transaction()
for i in range(9):
    producer.produce(topic, key='k%d' % i, value='aborted-%d' % i, partition=i % 3)
producer.flush(30)
producer.abort_transaction(30)
print('ABORTED', flush=True)
print('DONE', flush=True)
