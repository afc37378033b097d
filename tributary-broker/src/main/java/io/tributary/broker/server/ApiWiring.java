package io.tributary.broker.server;

import io.netty.util.Timer;
import io.tributary.broker.admin.BrokerConfigAdmin;
import io.tributary.broker.admin.LoggerLevels;
import io.tributary.broker.admin.ProducerIdAllocator;
import io.tributary.broker.admin.ScramCredentialAdmin;
import io.tributary.broker.admin.TopicAdmin;
import io.tributary.broker.api.admin.AclHandlers;
import io.tributary.broker.api.admin.DescribeClientQuotasHandler;
import io.tributary.broker.api.admin.ScramCredentialsHandlers;
import io.tributary.broker.zk.ZkAclStore;
import io.tributary.broker.api.ApiVersionsHandler;
import io.tributary.broker.api.CreateTopicsHandler;
import io.tributary.broker.api.DeleteTopicsHandler;
import io.tributary.broker.api.DescribeProducersHandler;
import io.tributary.broker.api.DescribeClusterHandler;
import io.tributary.broker.api.DescribeTopicPartitionsHandler;
import io.tributary.broker.api.FetchHandler;
import io.tributary.broker.api.GroupAuthorization;
import io.tributary.broker.api.InitProducerIdHandler;
import io.tributary.broker.api.ListOffsetsHandler;
import io.tributary.broker.api.MetadataHandler;
import io.tributary.broker.api.OffsetForLeaderEpochHandler;
import io.tributary.broker.api.ProduceHandler;
import io.tributary.broker.api.admin.CreatePartitionsHandler;
import io.tributary.broker.api.admin.DeleteRecordsHandler;
import io.tributary.broker.api.admin.ConfigApis;
import io.tributary.broker.api.admin.DescribeLogDirsHandler;
import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.BrokerConfigKeys;
import io.tributary.broker.group.FindCoordinatorHandler;
import io.tributary.broker.group.GroupCoordinator;
import io.tributary.broker.controller.ControlledShutdownHandler;
import io.tributary.broker.controller.Controller;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.metadata.ImageWaiter;
import io.tributary.broker.metadata.LiveBrokerConfig;
import io.tributary.broker.metadata.MetadataCache;
import io.tributary.broker.metrics.TopicMetrics;
import io.tributary.broker.metadata.TopicIdIndex;
import io.tributary.broker.network.ApiRegistry;
import io.tributary.broker.network.SaslApis;
import io.tributary.broker.replica.IsrManager;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.broker.telemetry.ClientTelemetry;
import io.tributary.broker.txn.TransactionSystem;
import io.tributary.broker.txn.TxnApis;
import io.tributary.broker.txn.TxnDescriber;
import io.tributary.broker.txn.TxnKeySpace;
import io.tributary.broker.txn.WriteTxnMarkersHandler;
import io.tributary.protocol.ApiKey;
import io.tributary.storage.LogManager;
import io.tributary.protocol.types.Versions;

/**
 * The table of APIs this broker serves: which versions it advertises and which handler answers.
 * Advertised ranges follow what the clients in scope need (see the protocol notes): e.g. Produce
 * advertises from v0 because librdkafka enables compression only then, though v3+ is required.
 */
final class ApiWiring {

    private final ApiRegistry registry = new ApiRegistry();

    ApiWiring(BrokerConfig config, LiveBrokerConfig live, MetadataCache metadata, ReplicaManager replicas,
              TopicAdmin topicAdmin, BrokerConfigAdmin brokerConfigAdmin, ImageWaiter waiter, ProducerIdAllocator producerIds, Timer timer,
              LogManager logManager, GroupCoordinator groups, IsrManager isrManager, Controller controller,
              TransactionSystem transactions, TopicMetrics unhostedProduce, ScramCredentialAdmin scramAdmin,
              ZkAclStore aclStore, TopicIdIndex topicIds) {
        MetadataHandler.ClusterImageSource images = metadata::image;
        registry.register(ApiKey.API_VERSIONS, Versions.range(0, 4), new ApiVersionsHandler(registry));
        registry.register(ApiKey.METADATA, Versions.range(0, 12), new MetadataHandler(images, topicAdmin,
                config.get(BrokerConfigKeys.AUTO_CREATE_TOPICS_ENABLE)));
        // 12 differs from 11 only for transactions of transaction.version 2, a feature not advertised; 13 names topics by id.
        registry.register(ApiKey.PRODUCE, Versions.range(0, 13), Versions.range(3, 13), new ProduceHandler(replicas,
                topic -> minInsyncReplicas(live, metadata, topic), timer, unhostedProduce, topicIds));
        // 13+ name topics by id; 14-18 add only what consumers need not send (tiered storage, KRaft replicas).
        registry.register(ApiKey.FETCH, Versions.range(4, 18), new FetchHandler(replicas, timer,
                isrManager::onFollowerFetch, topicIds));
        registry.register(ApiKey.OFFSET_FOR_LEADER_EPOCH, Versions.range(2, 4), new OffsetForLeaderEpochHandler(replicas));
        registry.register(ApiKey.CONTROLLED_SHUTDOWN, Versions.range(1, 3), new ControlledShutdownHandler(controller));
        registry.register(ApiKey.LIST_OFFSETS, Versions.range(1, 7), new ListOffsetsHandler(replicas));
        registry.register(ApiKey.CREATE_TOPICS, Versions.range(2, 7), new CreateTopicsHandler(topicAdmin, waiter));
        registry.register(ApiKey.DELETE_TOPICS, Versions.range(1, 6), new DeleteTopicsHandler(topicAdmin, waiter, images));
        registry.register(ApiKey.DESCRIBE_TOPIC_PARTITIONS, Versions.range(0, 0),
                new DescribeTopicPartitionsHandler(metadata::image));
        registry.register(ApiKey.DESCRIBE_CLUSTER, Versions.range(0, 1), new DescribeClusterHandler(images));
        registry.register(ApiKey.CREATE_PARTITIONS, Versions.range(0, 3),
                new CreatePartitionsHandler(topicAdmin, waiter, metadata::image));
        ConfigApis configApis = new ConfigApis(topicAdmin, brokerConfigAdmin, live, metadata, waiter,
                new LoggerLevels());
        registry.register(ApiKey.DESCRIBE_CONFIGS, Versions.range(1, 4), configApis.describe());
        registry.register(ApiKey.ALTER_CONFIGS, Versions.range(0, 2), configApis.alter());
        registry.register(ApiKey.INCREMENTAL_ALTER_CONFIGS, Versions.range(0, 1), configApis.incrementalAlter());
        registry.register(ApiKey.DELETE_RECORDS, Versions.range(0, 2), new DeleteRecordsHandler(replicas));
        registry.register(ApiKey.DESCRIBE_LOG_DIRS, Versions.range(1, 4),
                new DescribeLogDirsHandler(config.logDirs(), replicas, logManager::offlineDirs));
        registerSecurity(new ScramCredentialsHandlers(scramAdmin), new AclHandlers(aclStore));
        registerGroups(groups, new FindCoordinatorHandler(metadata::image, topicAdmin, groups,
                new TxnKeySpace(topicAdmin, transactions.coordinator()), config.brokerId()));
        registerTransactions(transactions, metadata, replicas, groups, producerIds);
    }

    /**
     * Transaction Version 1 (KIP-98 with KIP-360 and KIP-447): the {@code transaction.version} feature is not
     * advertised, so 4.x clients add partitions with AddPartitionsToTxn and stay below the versions that
     * need TV2 (EndTxn v5, Produce v12, TxnOffsetCommit v5) like 2.4.1, librdkafka and kafkajs do.
     */
    private void registerTransactions(TransactionSystem transactions, MetadataCache metadata, ReplicaManager replicas,
                                      GroupCoordinator groups, ProducerIdAllocator producerIds) {
        TxnApis apis = transactions.apis(metadata::image, groups::partitionFor);
        TxnDescriber describer = new TxnDescriber(transactions.coordinator());
        registry.register(ApiKey.INIT_PRODUCER_ID, Versions.range(0, 5),
                new InitProducerIdHandler(producerIds, apis::initProducerId));
        registry.register(ApiKey.ADD_PARTITIONS_TO_TXN, Versions.range(0, 5), apis::addPartitionsToTxn);
        registry.register(ApiKey.ADD_OFFSETS_TO_TXN, Versions.range(0, 4), apis::addOffsetsToTxn);
        registry.register(ApiKey.END_TXN, Versions.range(0, 4), apis::endTxn);
        registry.register(ApiKey.TXN_OFFSET_COMMIT, Versions.range(0, 4), groups::txnOffsetCommit);
        registry.register(ApiKey.WRITE_TXN_MARKERS, Versions.range(1, 2),
                new WriteTxnMarkersHandler(transactions.markerWriter()));
        registry.register(ApiKey.DESCRIBE_TRANSACTIONS, Versions.range(0, 0), describer::describeTransactions);
        registry.register(ApiKey.LIST_TRANSACTIONS, Versions.range(0, 2), describer::listTransactions);
        registry.register(ApiKey.DESCRIBE_PRODUCERS, Versions.range(0, 0), new DescribeProducersHandler(replicas));
    }

    /** The topic's own min.insync.replicas, else the broker's (dynamic over static). */
    static int minInsyncReplicas(LiveBrokerConfig live, MetadataCache metadata, String topic) {
        ClusterImage image = metadata.image();
        String override = image.topicConfig(topic).get("min.insync.replicas");
        return override != null ? Integer.parseInt(override.trim())
                : live.effective(image).get(BrokerConfigKeys.MIN_INSYNC_REPLICAS);
    }

    /** Authentication (answered from the connection's own SASL state, see SaslApis), credentials and ACLs. */
    private void registerSecurity(ScramCredentialsHandlers scram, AclHandlers acls) {
        registry.register(ApiKey.DESCRIBE_ACLS, Versions.range(0, 3), acls.describe());
        registry.register(ApiKey.CREATE_ACLS, Versions.range(0, 3), acls.create());
        registry.register(ApiKey.DELETE_ACLS, Versions.range(0, 3), acls.delete());
        registry.register(ApiKey.SASL_HANDSHAKE, Versions.range(0, 1), SaslApis.handshake());
        registry.register(ApiKey.SASL_AUTHENTICATE, Versions.range(0, 2), SaslApis.authenticate());
        registry.register(ApiKey.DESCRIBE_USER_SCRAM_CREDENTIALS, Versions.range(0, 0), scram.describe());
        registry.register(ApiKey.DESCRIBE_CLIENT_QUOTAS, Versions.range(0, 1), new DescribeClientQuotasHandler());
        registry.register(ApiKey.ALTER_USER_SCRAM_CREDENTIALS, Versions.range(0, 0), scram.alter());
    }

    /** OffsetCommit/OffsetFetch v10 name topics by id (the coordinator is given the broker's TopicIdIndex). */
    private void registerGroups(GroupCoordinator groups, FindCoordinatorHandler findCoordinator) {
        registry.register(ApiKey.FIND_COORDINATOR, Versions.range(0, 4), findCoordinator);
        // GroupAuthorization wraps each group API with Kafka's ACL checks.
        registry.register(ApiKey.OFFSET_COMMIT, Versions.range(2, 10), GroupAuthorization.offsetCommit(groups::offsetCommit));
        registry.register(ApiKey.OFFSET_FETCH, Versions.range(1, 10), GroupAuthorization.offsetFetch(groups::offsetFetch));
        registry.register(ApiKey.JOIN_GROUP, Versions.range(0, 9), GroupAuthorization.readGroup(groups::joinGroup));
        registry.register(ApiKey.HEARTBEAT, Versions.range(0, 4), GroupAuthorization.readGroup(groups::heartbeat));
        registry.register(ApiKey.LEAVE_GROUP, Versions.range(0, 5), GroupAuthorization.readGroup(groups::leaveGroup));
        registry.register(ApiKey.SYNC_GROUP, Versions.range(0, 5), GroupAuthorization.readGroup(groups::syncGroup));
        registry.register(ApiKey.DESCRIBE_GROUPS, Versions.range(0, 5), GroupAuthorization.describeGroups(groups::describeGroups));
        registry.register(ApiKey.LIST_GROUPS, Versions.range(0, 5), GroupAuthorization.listGroups(groups::listGroups));
        registry.register(ApiKey.DELETE_GROUPS, Versions.range(0, 2), GroupAuthorization.deleteGroups(groups::deleteGroups));
        registry.register(ApiKey.OFFSET_DELETE, Versions.range(0, 0), GroupAuthorization.offsetDelete(groups::offsetDelete));
        registry.register(ApiKey.CONSUMER_GROUP_HEARTBEAT, Versions.range(0, 1),
                GroupAuthorization.readGroup(groups::consumerGroupHeartbeat));
        registry.register(ApiKey.CONSUMER_GROUP_DESCRIBE, Versions.range(0, 1), groups::consumerGroupDescribe);
    }

    /** KIP-714 client telemetry: subscriptions and pushed metrics. */
    void registerTelemetry(ClientTelemetry telemetry) {
        registry.register(ApiKey.GET_TELEMETRY_SUBSCRIPTIONS, Versions.range(0, 0), telemetry::getSubscriptions);
        registry.register(ApiKey.PUSH_TELEMETRY, Versions.range(0, 0), telemetry::push);
    }

    ApiRegistry registry() {
        return registry;
    }
}
