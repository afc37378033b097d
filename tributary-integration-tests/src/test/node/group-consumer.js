// kafkajs group consumer: reads COUNT records of TOPIC in GROUP, commits each, prints each value, exits.
// Usage: node group-consumer.js BOOTSTRAP TOPIC GROUP COUNT
// Exits 0 once COUNT values were read and committed, 2 if that did not happen within 45 s.
const { Kafka, logLevel } = require('kafkajs')

const [bootstrap, topic, groupId, countText] = process.argv.slice(2)
const count = Number(countText)

async function main () {
  const kafka = new Kafka({ clientId: 'kafkajs', brokers: [bootstrap], logLevel: logLevel.WARN })
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200, sessionTimeout: 10000, heartbeatInterval: 1000 })
  let read = 0
  let finish
  const done = new Promise(resolve => { finish = resolve })
  const timer = setTimeout(() => finish(false), 45000)
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      process.stdout.write(message.value.toString('utf8') + '\n')
      await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }])
      read += 1
      if (read >= count) finish(true)
    }
  })
  const complete = await done
  clearTimeout(timer)
  await consumer.disconnect()
  process.exit(complete ? 0 : 2)
}

main().catch(error => {
  console.error(error)
  process.exit(1)
})
