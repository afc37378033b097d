// kafkajs transactional producer: commits one transaction of nine records (committed-i to partition i % 3),
// aborts a second (aborted-i), prints COMMITTED, ABORTED and DONE.
// Usage: node transactional-producer.js BOOTSTRAP TOPIC TRANSACTIONAL_ID
const { Kafka, logLevel } = require('kafkajs')

const [bootstrap, topic, transactionalId] = process.argv.slice(2)

function records (prefix) {
  const messages = []
  for (let i = 0; i < 9; i++) messages.push({ key: 'k' + i, value: prefix + '-' + i, partition: i % 3 })
  return messages
}

async function main () {
  const kafka = new Kafka({ clientId: 'kafkajs-txn', brokers: [bootstrap], logLevel: logLevel.WARN })
  const producer = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  let txn = await producer.transaction()
  await txn.send({ topic, messages: records('committed') })
  await txn.commit()
  process.stdout.write('COMMITTED\n')
  txn = await producer.transaction()
  await txn.send({ topic, messages: records('aborted') })
  await txn.abort()
  process.stdout.write('ABORTED\n')
  await producer.disconnect()
  process.stdout.write('DONE\n')
}

const timer = setTimeout(() => { process.stderr.write('timed out\n'); process.exit(2) }, 45000)
main().then(() => { clearTimeout(timer); process.exit(0) }, error => {
  process.stderr.write(String(error && error.stack || error) + '\n')
  process.exit(1)
})
