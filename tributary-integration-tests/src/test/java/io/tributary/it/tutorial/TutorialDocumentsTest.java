package io.tributary.it.tutorial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.it.tutorial.Installation.Command;
import io.tributary.testkit.FreePort;
import io.tributary.testkit.Readiness;
import io.tributary.tools.ToolIo;
import io.tributary.tools.TributaryCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Both requirement documents, command by command in their order, pasted into {@code bash -c} in a fresh
 * installation ({@link Installation}) and run as child processes through Kafka's and ZooKeeper's script names
 * ({@code bin/kafka-*.sh}, {@code bin/zookeeper-*.sh}, {@code bin/zkServer.sh}, {@code bin/zkCli.sh}); each step's
 * output is checked against what the document shows or says.
 *
 * <p>What is changed, and why:
 * <ul>
 *   <li>Hosts (192.168.65.60, localhost) become 127.0.0.1, and the ports 9092/9093/9094 and 2181 become free
 *       ephemeral ports of the test: other tests run on this machine at the same time, so no test may bind a
 *       fixed port, 2181 included. For the same reason {@code zkCli.sh}, which the documents run without
 *       {@code -server} (so ZooKeeper's default localhost:2181), is given {@code -server 127.0.0.1:<port>}.</li>
 *   <li>Before the documents' own steps, the test points the shipped config files at those ports and at data
 *       directories inside the installation (clientPort and dataDir of zookeeper.properties; listeners,
 *       zookeeper.connect, log.dir of server.properties), and shortens zookeeper.session.timeout.ms to 6 s so a
 *       killed broker drops out quickly. Paths the documents use (/usr/local/data, /tmp) are mapped into the
 *       installation.</li>
 *   <li>Download and unpack steps (wget, tar, cd, yum) are not run; the first document's topic create command,
 *       broken over two lines, is joined; its {@code --whitelist "test|test-2} gets its closing quote; its last
 *       describe, which passes the broker's port 9092 to {@code --zookeeper}, is given ZooKeeper's port.</li>
 *   <li>Steps that stay in the foreground (servers without -daemon, consumers) run in the background, as in a
 *       second terminal; Ctrl-C is SIGTERM. The {@code ps ... | grep} output is narrowed to this installation's
 *       processes, since other brokers may run on the machine, and the killed broker is a partition's actual
 *       leader (the documents' runs happened to have broker 1 lead). Broker 0 holds {@code __consumer_offsets}
 *       (created while it was alone, at the shipped offsets.topic.replication.factor=1, as in Kafka's file), so
 *       a console consumer's group has no coordinator without it, with Kafka as with Tributary: the first
 *       document, in which broker 0 takes over, kills the leader of a partition broker 0 does not lead; the
 *       second, which kills with -9 whichever broker leads its one partition, starts broker 0 again with the
 *       document's own command if it was the one.</li>
 * </ul>
 */
class TutorialDocumentsTest {

    private static final Duration STEP = Duration.ofSeconds(60);

    private final int zk = FreePort.pick();
    private final int[] brokers = {FreePort.pick(), FreePort.pick(), FreePort.pick()};

    /** 000_*: "kafka基本使用(2.4)", ZooKeeper 3.5's scripts, then the Kafka 2.4 steps and the three-broker cluster. */
    @Test
    @Timeout(480)
    void kafka24TutorialRunsAsWritten() throws Exception {
        try (Installation kafka = Installation.create()) {
            prepare(kafka);
            Doc doc = new Doc(kafka, "192.168.65.60");

            assertThat(ok(doc.run("bin/zkServer.sh start")).out()).contains("STARTED");
            assertThat(ok(doc.zkCli("ls /")).out()).contains("[zookeeper]");

            // 第二步:修改配置
            kafka.setProperties("config/server.properties", Map.of("broker.id", "0",
                    "listeners", doc.subst("PLAINTEXT://192.168.65.60:9092"),
                    "log.dir", doc.subst("/usr/local/data/kafka-logs"),
                    "zookeeper.connect", doc.subst("192.168.65.60:2181")));

            // 第三步:启动服务
            Command daemon = ok(doc.run("bin/kafka-server-start.sh -daemon config/server.properties"));
            assertThat(daemon.out()).isEmpty(); // 后台启动,不会打印日志到控制台
            awaitServing(0);
            await().atMost(STEP).untilAsserted(() -> assertThat(kafka.read("logs/server.log"))
                    .contains("Broker 0 started")); // 运行日志在logs目录的server.log文件里
            assertThat(Files.exists(kafka.dir().resolve("logs/server.out"))).isTrue();
            String zkTree = ok(doc.zkCli("ls /\nls /brokers/ids")).out();
            assertThat(zkTree).contains("[admin, brokers, cluster, config, consumers, controller, controller_epoch")
                    .contains("] [0]\n");
            Command stopped = ok(doc.run("bin/kafka-server-stop.sh"));
            assertThat(stopped.out()).matches("Stopped broker \\(pid \\d+\\)\n");
            assertThat(ok(doc.zkCli("ls /brokers/ids")).out()).contains("[]");
            doc.run("bin/kafka-server-start.sh config/server.properties &"); // 或者用
            awaitServing(0);

            // 第四步:创建主题
            assertThat(ok(doc.run("sh bin/kafka-topics.sh --create --bootstrap-server localhost:9092 "
                    + "--topic test_topic --partitions 3 --replication-factor 1")).out()).endsWith("Created topic test_topic.\n");
            assertThat(lines(ok(doc.run("bin/kafka-topics.sh --list --zookeeper 192.168.65.60:2181")))).contains("test_topic");
            Command deleteMissing = doc.run("bin/kafka-topics.sh --delete --topic test --zookeeper 192.168.65.60:2181");
            assertThat(deleteMissing.exitCode()).isEqualTo(1); // "test" is only created by the producer below
            assertThat(deleteMissing.err()).contains("Topic 'test' does not exist as expected");

            // 第五步:发送消息 (the topic is created automatically)
            ok(doc.run("bin/kafka-console-producer.sh --broker-list 192.168.65.60:9092 --topic test",
                    "this is a msg\nthis is a another msg\n"));
            // 第六步:消费消息 — the latest messages by default, all with --from-beginning
            Command latest = doc.start("bin/kafka-console-consumer.sh --bootstrap-server 192.168.65.60:9092 --topic test");
            awaitProbe(latest, "test");
            assertThat(latest.out()).doesNotContain("this is a msg");
            latest.interrupt();
            Command beginning = doc.start("bin/kafka-console-consumer.sh --bootstrap-server 192.168.65.60:9092 "
                    + "--from-beginning --topic test");
            await().atMost(STEP).untilAsserted(() -> assertThat(beginning.out())
                    .startsWith("this is a msg\nthis is a another msg\n"));
            beginning.interrupt();
            Command whitelist = doc.start("bin/kafka-console-consumer.sh --bootstrap-server 192.168.65.60:9092 "
                    + "--whitelist \"test|test-2\"");
            awaitProbe(whitelist, "test");
            whitelist.interrupt();

            // 单播消费 and 多播消费
            Command unicastA = doc.start("bin/kafka-console-consumer.sh --bootstrap-server 192.168.65.60:9092  "
                    + "--consumer-property group.id=testGroup --topic test ");
            Command unicastB = doc.start("bin/kafka-console-consumer.sh --bootstrap-server 192.168.65.60:9092  "
                    + "--consumer-property group.id=testGroup --topic test ");
            Command multicast = doc.start("bin/kafka-console-consumer.sh --bootstrap-server 192.168.65.60:9092 "
                    + "--consumer-property group.id=testGroup-2 --topic test ");
            awaitStable(doc.subst("192.168.65.60:9092"), "testGroup", 2);
            awaitStable(doc.subst("192.168.65.60:9092"), "testGroup-2", 1);
            Thread.sleep(3000); // each new member looks up its starting (latest) offset
            ok(doc.run("bin/kafka-console-producer.sh --broker-list 192.168.65.60:9092 --topic test", "one\ntwo\n"));
            await().atMost(STEP).untilAsserted(() -> {
                assertThat(multicast.out()).isEqualTo("one\ntwo\n");
                assertThat(unicastA.out() + unicastB.out()).isIn("one\ntwo\n"); // 结果只有一个客户端能收到消息
            });
            unicastA.interrupt();
            unicastB.interrupt();
            multicast.interrupt();

            // 查看消费组名, 查看消费组的消费偏移量
            assertThat(lines(ok(doc.run("bin/kafka-consumer-groups.sh --bootstrap-server 192.168.65.60:9092 --list"))))
                    .contains("testGroup", "testGroup-2");
            List<String> offsets = lines(ok(doc.run(
                    "bin/kafka-consumer-groups.sh --bootstrap-server 192.168.65.60:9092 --describe --group testGroup")));
            assertThat(offsets).anyMatch(l -> l.matches(
                    "GROUP +TOPIC +PARTITION +CURRENT-OFFSET +LOG-END-OFFSET +LAG +CONSUMER-ID +HOST +CLIENT-ID"));
            String row = offsets.stream().filter(l -> l.startsWith("testGroup ")).findFirst().orElseThrow();
            String[] cells = row.split("\\s+");
            assertThat(cells[1]).isEqualTo("test");
            assertThat(cells[3]).isEqualTo(cells[4]); // everything consumed: current-offset = log-end-offset
            assertThat(cells[5]).isEqualTo("0");

            // 创建多个分区的主题, 查看下topic的情况
            assertThat(ok(doc.run("bin/kafka-topics.sh --create --zookeeper 192.168.65.60:2181 --replication-factor 1 "
                    + "--partitions 2 --topic test1")).out()).isEqualTo("Created topic test1.\n");
            await().atMost(STEP).untilAsserted(() -> assertThat(lines(ok(doc.run(
                    "bin/kafka-topics.sh --describe --zookeeper 192.168.65.60:2181 --topic test1")))).containsExactly(
                    "Topic: test1\tPartitionCount: 2\tReplicationFactor: 1\tConfigs: ",
                    "\tTopic: test1\tPartition: 0\tLeader: 0\tReplicas: 0\tIsr: 0",
                    "\tTopic: test1\tPartition: 1\tLeader: 0\tReplicas: 0\tIsr: 0"));
            assertThat(lines(ok(doc.run("bin/kafka-topics.sh --describe --zookeeper 192.168.65.60:2181 --topic test "))))
                    .startsWith("Topic: test\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: ");
            // 分区的扩容
            assertThat(ok(doc.run("bin/kafka-topics.sh -alter --partitions 3 --zookeeper 192.168.65.60:2181 --topic test"))
                    .out()).contains("Adding partitions succeeded!");
            await().atMost(STEP).untilAsserted(() -> assertThat(ok(doc.run(
                    "bin/kafka-topics.sh --describe --zookeeper 192.168.65.60:2181 --topic test")).out())
                    .contains("PartitionCount: 3").contains("Partition: 2\tLeader: 0"));

            // kafka集群实战
            ok(doc.run("cp config/server.properties config/server-1.properties"));
            ok(doc.run("cp config/server.properties config/server-2.properties"));
            kafka.setProperties("config/server-1.properties", Map.of("broker.id", "1",
                    "listeners", doc.subst("PLAINTEXT://192.168.65.60:9093"),
                    "log.dir", doc.subst("/usr/local/data/kafka-logs-1"),
                    "zookeeper.connect", doc.subst("192.168.65.60:2181")));
            kafka.setProperties("config/server-2.properties", Map.of("broker.id", "2",
                    "listeners", doc.subst("PLAINTEXT://192.168.65.60:9094"),
                    "log.dir", doc.subst("/usr/local/data/kafka-logs-2"),
                    "zookeeper.connect", doc.subst("192.168.65.60:2181")));
            ok(doc.run("bin/kafka-server-start.sh -daemon config/server-1.properties"));
            ok(doc.run("bin/kafka-server-start.sh -daemon config/server-2.properties"));
            awaitServing(1);
            awaitServing(2);
            await().atMost(STEP).untilAsserted(() -> assertThat(ok(doc.zkCli("ls /brokers/ids")).out())
                    .contains("[0, 1, 2]")); // 查看zookeeper确认集群节点是否都注册成功

            assertThat(ok(doc.run("bin/kafka-topics.sh --create --zookeeper 192.168.65.60:2181 --replication-factor 3 "
                    + "--partitions 2 --topic my-replicated-topic")).out()).isEqualTo("Created topic my-replicated-topic.\n");
            String describe = "bin/kafka-topics.sh --describe --zookeeper 192.168.65.60:2181 --topic my-replicated-topic";
            await().atMost(STEP).untilAsserted(() -> {
                List<String> topic = lines(ok(doc.run(describe)));
                assertThat(topic).hasSize(3);
                assertThat(topic.get(0)).isEqualTo(
                        "Topic: my-replicated-topic\tPartitionCount: 2\tReplicationFactor: 3\tConfigs: ");
                for (String partition : topic.subList(1, 3)) {
                    assertThat(ids(partition, "Replicas")).containsExactlyInAnyOrder(0, 1, 2);
                    assertThat(ids(partition, "Isr")).containsExactlyInAnyOrder(0, 1, 2);
                }
            });
            ok(doc.run("bin/kafka-console-producer.sh --broker-list 192.168.65.60:9092,192.168.65.60:9093,192.168.65.60:9094 "
                    + "--topic my-replicated-topic", "my test msg 1\nmy test msg 2\n"));
            String consumeAll = "bin/kafka-console-consumer.sh --bootstrap-server "
                    + "192.168.65.60:9092,192.168.65.60:9093,192.168.65.60:9094 --from-beginning --topic my-replicated-topic";
            awaitLinesThenStop(doc.start(consumeAll), "my test msg 1", "my test msg 2");

            // 容灾: kill a partition's leader (SIGTERM, as the document's plain kill); broker 0 survives, as in the
            // document, where it takes partition 0 over.
            List<String> before = lines(ok(doc.run(describe)));
            int partition = leaderOf(before, 0) != 0 ? 0 : 1;
            int leader = leaderOf(before, partition);
            int pid = pidOf(doc, "ps -ef | grep " + propertiesFile(leader));
            ok(doc.run("kill " + pid));
            // SIGTERM: the broker first hands its leadership over (controlled shutdown), then exits.
            await().atMost(STEP).until(() -> !Files.exists(java.nio.file.Path.of("/proc/" + pid)));
            // The document's describe passes 9092 to --zookeeper; ZooKeeper's port it is.
            await().atMost(STEP).untilAsserted(() -> {
                List<String> after = lines(ok(doc.run(describe)));
                assertThat(leaderOf(after, partition)).isNotEqualTo(leader).isIn(0, 1, 2);
                assertThat(ids(after.get(1 + partition), "Isr")).doesNotContain(leader);
                assertThat(ids(after.get(1 + partition), "Replicas")).containsExactlyInAnyOrder(0, 1, 2);
            });
            awaitLinesThenStop(doc.start(consumeAll), "my test msg 1", "my test msg 2"); // 此时,我们依然可以消费

            Command stopAll = ok(doc.run("bin/kafka-server-stop.sh"));
            assertThat(lines(stopAll)).hasSize(2).allMatch(l -> l.matches("Stopped broker \\(pid \\d+\\)"));
            assertThat(ok(doc.run("bin/zkServer.sh stop")).out()).contains("STOPPED");
        }
    }

    /** 004_*: the Kafka 2.1 quickstart (ZooKeeper from Kafka's script, three brokers, kill -9) and the old consumer. */
    @Test
    @Timeout(480)
    void kafkaQuickstartAndOldConsumerRunAsWritten() throws Exception {
        try (Installation kafka = Installation.create()) {
            prepare(kafka);
            Doc doc = new Doc(kafka, "localhost");
            kafka.setProperties("config/server.properties", Map.of(
                    "listeners", "PLAINTEXT://127.0.0.1:" + brokers[0], "zookeeper.connect", "127.0.0.1:" + zk,
                    "log.dir", kafka.dir().resolve("tmp/kafka-logs").toString()));

            // Setp 2:启动服务 — ZooKeeper in the foreground (another terminal), the broker in the background
            Command zooKeeper = doc.start("bin/zookeeper-server-start.sh config/zookeeper.properties");
            await().atMost(STEP).until(() -> zooKeeperAnswers(zooKeeper));
            ok(doc.run("bin/kafka-server-start.sh config/server.properties 1>/dev/null 2>&1 &"));
            awaitServing(0);

            // Setp 3:创建一个topic
            assertThat(ok(doc.run("bin/kafka-topics.sh --create --zookeeper localhost:2181 --replication-factor 1 "
                    + "--partitions 1 --topic test")).out()).isEqualTo("Created topic test.\n");
            assertThat(lines(ok(doc.run("bin/kafka-topics.sh --list --zookeeper localhost:2181 test")))).contains("test");
            // Setp 4 and 5
            ok(doc.run("bin/kafka-console-producer.sh --broker-list localhost:9092 --topic test",
                    "hello world\nHello study.163.com\n"));
            Command consumer = doc.start("bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic test "
                    + "--from-beginning");
            // The document typed "Hello" and shows "hello"; what was typed comes back.
            awaitLinesThenStop(consumer, "hello world", "Hello study.163.com");

            // Setp 6:设置多 broker 集群
            ok(doc.run("cp config/server.properties config/server-1.properties"));
            ok(doc.run("cp config/server.properties config/server-2.properties"));
            kafka.setProperties("config/server-1.properties", Map.of("broker.id", "1",
                    "listeners", doc.subst("PLAINTEXT://:9093"), "log.dir", doc.subst("/tmp/kafka-logs-1")));
            kafka.setProperties("config/server-2.properties", Map.of("broker.id", "2",
                    "listeners", doc.subst("PLAINTEXT://:9094"), "log.dir", doc.subst("/tmp/kafka-logs-2")));
            ok(doc.run("bin/kafka-server-start.sh config/server-1.properties &"));
            ok(doc.run("bin/kafka-server-start.sh config/server-2.properties &"));
            awaitServing(1);
            awaitServing(2);

            assertThat(ok(doc.run("bin/kafka-topics.sh --create --zookeeper localhost:2181 --replication-factor 3 "
                    + "--partitions 1 --topic my-replicated-topic")).out()).isEqualTo("Created topic my-replicated-topic.\n");
            String describe = "bin/kafka-topics.sh --describe --zookeeper localhost:2181 --topic my-replicated-topic";
            await().atMost(STEP).untilAsserted(() -> {
                List<String> topic = lines(ok(doc.run(describe)));
                assertThat(compact(topic.get(0))).isEqualTo("Topic:my-replicated-topicPartitionCount:1ReplicationFactor:3Configs:");
                assertThat(compact(topic.get(1))).startsWith("Topic:my-replicated-topicPartition:0Leader:");
                assertThat(ids(topic.get(1), "Replicas")).containsExactlyInAnyOrder(1, 2, 0);
                assertThat(ids(topic.get(1), "Isr")).containsExactlyInAnyOrder(1, 2, 0);
            });
            assertThat(lines(ok(doc.run("bin/kafka-topics.sh --describe --zookeeper localhost:2181 --topic test")))
                    .stream().map(TutorialDocumentsTest::compact)).containsExactly(
                    "Topic:testPartitionCount:1ReplicationFactor:1Configs:", "Topic:testPartition:0Leader:0Replicas:0Isr:0");
            ok(doc.run("bin/kafka-console-producer.sh --broker-list localhost:9092 --topic my-replicated-topic",
                    "my test message 1\nmy test message 2\n"));
            String consumeAll = "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --from-beginning "
                    + "--topic my-replicated-topic";
            awaitLinesThenStop(doc.start(consumeAll), "my test message 1", "my test message 2");

            // 测试集群的容错,kill掉leader
            int leader = leaderOf(lines(ok(doc.run(describe))), 0);
            int pid = pidOf(doc, "ps aux | grep " + propertiesFile(leader));
            ok(doc.run("kill -9 " + pid));
            await().atMost(STEP).untilAsserted(() -> {
                List<String> after = lines(ok(doc.run(describe)));
                assertThat(leaderOf(after, 0)).isNotEqualTo(leader);
                assertThat(ids(after.get(1), "Isr")).doesNotContain(leader).hasSize(2);
                assertThat(ids(after.get(1), "Replicas")).containsExactlyInAnyOrder(1, 2, 0);
            });
            if (leader == 0) {
                ok(doc.run("bin/kafka-server-start.sh config/server.properties 1>/dev/null 2>&1 &"));
                awaitServing(0);
            }
            awaitLinesThenStop(doc.start(consumeAll), "my test message 1", "my test message 2");

            // 案例实操: two consumers of group "root" through the old --zookeeper form; one gets the message
            kafka.setProperties("config/consumer.properties", Map.of("group.id", "root"));
            String oldConsumer = "bin/kafka-console-consumer.sh --zookeeper localhost:2181 --topic first "
                    + "--consumer.config config/consumer.properties";
            Command first = doc.start(oldConsumer);
            Command second = doc.start(oldConsumer);
            awaitStable(doc.subst("localhost:9092,localhost:9093,localhost:9094"), "root", 2);
            Thread.sleep(3000);
            ok(doc.run("bin/kafka-console-producer.sh --broker-list localhost:9092 --topic first", "hello world\n"));
            await().atMost(STEP).untilAsserted(() -> assertThat(first.out() + second.out()).isEqualTo("hello world\n"));
            first.interrupt();
            second.interrupt();
            assertThat(first.err()).contains("Using the ConsoleConsumer with old consumer is deprecated");
            assertThat(first.err() + second.err()).contains("Processed a total of 1 messages")
                    .contains("Processed a total of 0 messages"); // 同一时刻只有一个消费者接收到消息

            assertThat(lines(ok(doc.run("bin/kafka-server-stop.sh")))).hasSize(leader == 0 ? 3 : 2)
                    .allMatch(l -> l.matches("Stopped broker \\(pid \\d+\\)"));
            ok(doc.run("bin/zookeeper-server-stop.sh"));
            zooKeeper.awaitExit(30);
        }
    }

    /** The test's environment: its ports and data directories in the shipped config files. */
    private void prepare(Installation kafka) {
        kafka.setProperties("config/zookeeper.properties", Map.of("clientPort", String.valueOf(zk),
                "dataDir", kafka.dir().resolve("zookeeper-data").toString()));
        kafka.setProperties("config/server.properties", Map.of("zookeeper.session.timeout.ms", "6000"));
    }

    /** The commands of one document, with its host and ports replaced by the test's. */
    private final class Doc {
        private final Installation kafka;
        private final String host;

        Doc(Installation kafka, String host) {
            this.kafka = kafka;
            this.host = host;
        }

        String subst(String text) {
            return text.replace(host + ":", "127.0.0.1:").replace("localhost:", "127.0.0.1:")
                    .replace(":9092", ":" + brokers[0]).replace(":9093", ":" + brokers[1])
                    .replace(":9094", ":" + brokers[2]).replace(":2181", ":" + zk)
                    .replace("/usr/local/data/", kafka.dir() + "/data/").replace("/tmp/", kafka.dir() + "/tmp/");
        }

        Command run(String command) {
            return kafka.run(subst(command));
        }

        Command run(String command, String stdin) {
            return kafka.run(subst(command), stdin);
        }

        Command start(String command) {
            return kafka.start(subst(command), "");
        }

        /** bin/zkCli.sh with the lines typed at its prompt. */
        Command zkCli(String typed) {
            return kafka.run("bin/zkCli.sh -server 127.0.0.1:" + zk, typed + "\n");
        }
    }

    /** ZooKeeper's "ruok" four-letter word answers "imok" once the server is up. */
    private boolean zooKeeperAnswers(Command zooKeeper) {
        assertThat(zooKeeper.isAlive()).as("%s", zooKeeper).isTrue();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", zk)) {
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("ruok".getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).equals("imok");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void awaitServing(int broker) {
        Readiness.awaitServing("127.0.0.1", brokers[broker], STEP, () -> true);
    }

    /** Sends probe records from this JVM until a consumer reading the latest records prints one. */
    private void awaitProbe(Command consumer, String topic) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                "127.0.0.1:" + brokers[0], "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName()))) {
            await().atMost(STEP).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                producer.send(new ProducerRecord<>(topic, "probe")).get(10, TimeUnit.SECONDS);
                assertThat(consumer.out()).as("%s", consumer).contains("probe\n");
            });
        }
    }

    private static void awaitLinesThenStop(Command consumer, String... expected) {
        await().atMost(STEP).untilAsserted(() -> assertThat(consumer.out().lines()).as("%s", consumer)
                .containsExactlyInAnyOrder(expected));
        consumer.interrupt();
    }

    private static void awaitStable(String bootstrap, String group, int members) {
        await().atMost(STEP).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                inProcess("consumer-groups", "--bootstrap-server", bootstrap, "--describe", "--state", "--group", group))
                .containsPattern("Stable\\s+" + members));
    }

    private static String inProcess(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ToolIo io = new ToolIo(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        TributaryCommand.run(args, io);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The pid in the second column of the ps line of this installation's java process. */
    private static int pidOf(Doc doc, String psGrep) {
        String marker = "-Dtributary.home=" + doc.kafka.dir();
        String line = lines(doc.run(psGrep)).stream().filter(l -> l.contains(marker) && l.contains("java"))
                .findFirst().orElseThrow(() -> new AssertionError("no process found by " + psGrep));
        return Integer.parseInt(line.trim().split("\\s+")[1]);
    }

    private static String propertiesFile(int broker) {
        return broker == 0 ? "server.properties" : "server-" + broker + ".properties";
    }

    private static int leaderOf(List<String> describe, int partition) {
        for (String line : describe) {
            Matcher m = Pattern.compile("Partition: " + partition + "\\s+Leader: (-?\\d+)").matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("no partition " + partition + " in " + describe);
    }

    private static Set<Integer> ids(String partitionLine, String column) {
        Matcher m = Pattern.compile(column + ": ([\\d,]*)").matcher(partitionLine);
        assertThat(m.find()).as("%s in %s", column, partitionLine).isTrue();
        Set<Integer> ids = new TreeSet<>();
        Arrays.stream(m.group(1).split(",")).filter(s -> !s.isEmpty()).forEach(s -> ids.add(Integer.parseInt(s)));
        return ids;
    }

    /** The older documents print "Topic:x PartitionCount:1"; compare without the whitespace. */
    private static String compact(String line) {
        return line.replaceAll("\\s+", "");
    }

    private static List<String> lines(Command command) {
        return command.out().lines().toList();
    }

    private static Command ok(Command command) {
        assertThat(command.exitCode()).as("%s", command).isZero();
        return command;
    }
}
