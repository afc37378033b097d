// kafkajs round trip over a secured listener: produces COUNT values to TOPIC, reads them back, exits.
// Usage: node secure-roundtrip.js CONFIG_JSON TOPIC COUNT
// CONFIG_JSON: { brokers, ssl: { caFile, certFile?, keyFile? }, sasl?: { mechanism, username, password } }.
// Exits 0 once every value was read back, 3 if the client could not connect or authenticate, 2 otherwise.
const fs = require('fs');
const { Kafka, logLevel } = require('kafkajs');

async function main() {
  const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const topic = process.argv[3];
  const count = parseInt(process.argv[4], 10);
  const ssl = { ca: [fs.readFileSync(config.ssl.caFile, 'utf8')] };
  if (config.ssl.certFile) {
    ssl.cert = fs.readFileSync(config.ssl.certFile, 'utf8');
    ssl.key = fs.readFileSync(config.ssl.keyFile, 'utf8');
  }
  const kafka = new Kafka({ clientId: 'kafkajs-secure', brokers: config.brokers, ssl, sasl: config.sasl,
    logLevel: logLevel.NOTHING, retry: { retries: 2 }, connectionTimeout: 5000 });
  const producer = kafka.producer();
  try {
    await producer.connect();
    const messages = [];
    for (let i = 0; i < count; i++) {
      messages.push({ value: 'kafkajs-' + i });
    }
    await producer.send({ topic, messages, acks: -1 });
    await producer.disconnect();
  } catch (e) {
    console.log('producer failed: ' + e.name + ': ' + e.message);
    process.exit(3);
  }
  const consumer = kafka.consumer({ groupId: 'kafkajs-secure-' + topic });
  const read = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise((resolve) => {
    const timer = setTimeout(resolve, 30000);
    consumer.run({ eachMessage: async ({ message }) => {
      read.push(message.value.toString());
      if (read.length >= count) { clearTimeout(timer); resolve(); }
    } });
  });
  await consumer.disconnect();
  console.log('read ' + read.length);
  process.exit(read.length >= count ? 0 : 2);
}

main().catch((e) => { console.log('failed: ' + e.name + ': ' + e.message); process.exit(3); });
