package io.tributary.protocol;

import io.tributary.protocol.message.AddOffsetsToTxnApi;
import io.tributary.protocol.message.AddPartitionsToTxnApi;
import io.tributary.protocol.message.AlterConfigsApi;
import io.tributary.protocol.message.AlterUserScramCredentialsApi;
import io.tributary.protocol.message.CreateAclsApi;
import io.tributary.protocol.message.DeleteAclsApi;
import io.tributary.protocol.message.DescribeAclsApi;
import io.tributary.protocol.message.DescribeClientQuotasApi;
import io.tributary.protocol.message.DescribeUserScramCredentialsApi;
import io.tributary.protocol.message.AlterPartitionApi;
import io.tributary.protocol.message.ApiVersionsApi;
import io.tributary.protocol.message.ConsumerGroupDescribeApi;
import io.tributary.protocol.message.ConsumerGroupHeartbeatApi;
import io.tributary.protocol.message.ControlledShutdownApi;
import io.tributary.protocol.message.CreatePartitionsApi;
import io.tributary.protocol.message.CreateTopicsApi;
import io.tributary.protocol.message.DeleteGroupsApi;
import io.tributary.protocol.message.DeleteRecordsApi;
import io.tributary.protocol.message.DeleteTopicsApi;
import io.tributary.protocol.message.DescribeClusterApi;
import io.tributary.protocol.message.DescribeConfigsApi;
import io.tributary.protocol.message.DescribeGroupsApi;
import io.tributary.protocol.message.DescribeLogDirsApi;
import io.tributary.protocol.message.DescribeProducersApi;
import io.tributary.protocol.message.DescribeTransactionsApi;
import io.tributary.protocol.message.DescribeTopicPartitionsApi;
import io.tributary.protocol.message.ElectLeadersApi;
import io.tributary.protocol.message.EndTxnApi;
import io.tributary.protocol.message.FetchApi;
import io.tributary.protocol.message.FindCoordinatorApi;
import io.tributary.protocol.message.GetTelemetrySubscriptionsApi;
import io.tributary.protocol.message.HeartbeatApi;
import io.tributary.protocol.message.IncrementalAlterConfigsApi;
import io.tributary.protocol.message.InitProducerIdApi;
import io.tributary.protocol.message.JoinGroupApi;
import io.tributary.protocol.message.LeaderAndIsrApi;
import io.tributary.protocol.message.LeaveGroupApi;
import io.tributary.protocol.message.ListGroupsApi;
import io.tributary.protocol.message.ListOffsetsApi;
import io.tributary.protocol.message.ListTransactionsApi;
import io.tributary.protocol.message.ListPartitionReassignmentsApi;
import io.tributary.protocol.message.MetadataApi;
import io.tributary.protocol.message.OffsetCommitApi;
import io.tributary.protocol.message.OffsetDeleteApi;
import io.tributary.protocol.message.OffsetFetchApi;
import io.tributary.protocol.message.OffsetForLeaderEpochApi;
import io.tributary.protocol.message.ProduceApi;
import io.tributary.protocol.message.PushTelemetryApi;
import io.tributary.protocol.message.SaslAuthenticateApi;
import io.tributary.protocol.message.SaslHandshakeApi;
import io.tributary.protocol.message.StopReplicaApi;
import io.tributary.protocol.message.SyncGroupApi;
import io.tributary.protocol.message.TxnOffsetCommitApi;
import io.tributary.protocol.message.UpdateMetadataApi;
import io.tributary.protocol.message.WriteTxnMarkersApi;

/**
 * Every API the codec knows, by key. The declaration of each lives in
 * {@code io.tributary.protocol.message.<Name>Api}.
 */
public enum ApiKey {
    PRODUCE(ProduceApi.SPEC),
    FETCH(FetchApi.SPEC),
    LIST_OFFSETS(ListOffsetsApi.SPEC),
    METADATA(MetadataApi.SPEC),
    LEADER_AND_ISR(LeaderAndIsrApi.SPEC),
    STOP_REPLICA(StopReplicaApi.SPEC),
    UPDATE_METADATA(UpdateMetadataApi.SPEC),
    CONTROLLED_SHUTDOWN(ControlledShutdownApi.SPEC),
    SASL_HANDSHAKE(SaslHandshakeApi.SPEC),
    SASL_AUTHENTICATE(SaslAuthenticateApi.SPEC),
    API_VERSIONS(ApiVersionsApi.SPEC),
    CREATE_TOPICS(CreateTopicsApi.SPEC),
    DELETE_TOPICS(DeleteTopicsApi.SPEC),
    DELETE_RECORDS(DeleteRecordsApi.SPEC),
    INIT_PRODUCER_ID(InitProducerIdApi.SPEC),
    OFFSET_FOR_LEADER_EPOCH(OffsetForLeaderEpochApi.SPEC),
    ADD_PARTITIONS_TO_TXN(AddPartitionsToTxnApi.SPEC),
    ADD_OFFSETS_TO_TXN(AddOffsetsToTxnApi.SPEC),
    END_TXN(EndTxnApi.SPEC),
    WRITE_TXN_MARKERS(WriteTxnMarkersApi.SPEC),
    TXN_OFFSET_COMMIT(TxnOffsetCommitApi.SPEC),
    DESCRIBE_ACLS(DescribeAclsApi.SPEC),
    CREATE_ACLS(CreateAclsApi.SPEC),
    DELETE_ACLS(DeleteAclsApi.SPEC),
    DESCRIBE_CONFIGS(DescribeConfigsApi.SPEC),
    ALTER_CONFIGS(AlterConfigsApi.SPEC),
    DESCRIBE_LOG_DIRS(DescribeLogDirsApi.SPEC),
    CREATE_PARTITIONS(CreatePartitionsApi.SPEC),
    ELECT_LEADERS(ElectLeadersApi.SPEC),
    INCREMENTAL_ALTER_CONFIGS(IncrementalAlterConfigsApi.SPEC),
    LIST_PARTITION_REASSIGNMENTS(ListPartitionReassignmentsApi.SPEC),
    ALTER_PARTITION(AlterPartitionApi.SPEC),
    DESCRIBE_CLUSTER(DescribeClusterApi.SPEC),
    DESCRIBE_PRODUCERS(DescribeProducersApi.SPEC),
    DESCRIBE_TRANSACTIONS(DescribeTransactionsApi.SPEC),
    LIST_TRANSACTIONS(ListTransactionsApi.SPEC),
    DESCRIBE_CLIENT_QUOTAS(DescribeClientQuotasApi.SPEC),
    DESCRIBE_USER_SCRAM_CREDENTIALS(DescribeUserScramCredentialsApi.SPEC),
    ALTER_USER_SCRAM_CREDENTIALS(AlterUserScramCredentialsApi.SPEC),
    OFFSET_COMMIT(OffsetCommitApi.SPEC),
    OFFSET_FETCH(OffsetFetchApi.SPEC),
    FIND_COORDINATOR(FindCoordinatorApi.SPEC),
    JOIN_GROUP(JoinGroupApi.SPEC),
    HEARTBEAT(HeartbeatApi.SPEC),
    LEAVE_GROUP(LeaveGroupApi.SPEC),
    SYNC_GROUP(SyncGroupApi.SPEC),
    DESCRIBE_GROUPS(DescribeGroupsApi.SPEC),
    LIST_GROUPS(ListGroupsApi.SPEC),
    DELETE_GROUPS(DeleteGroupsApi.SPEC),
    OFFSET_DELETE(OffsetDeleteApi.SPEC),
    CONSUMER_GROUP_HEARTBEAT(ConsumerGroupHeartbeatApi.SPEC),
    CONSUMER_GROUP_DESCRIBE(ConsumerGroupDescribeApi.SPEC),
    GET_TELEMETRY_SUBSCRIPTIONS(GetTelemetrySubscriptionsApi.SPEC),
    PUSH_TELEMETRY(PushTelemetryApi.SPEC),
    DESCRIBE_TOPIC_PARTITIONS(DescribeTopicPartitionsApi.SPEC);

    private static final ApiKey[] BY_ID = new ApiKey[128];

    static {
        for (ApiKey key : values()) {
            BY_ID[key.id()] = key;
        }
    }

    private final ApiSpec spec;

    ApiKey(ApiSpec spec) {
        this.spec = spec;
    }

    public short id() {
        return spec.key();
    }

    public ApiSpec spec() {
        return spec;
    }

    /** The API with this key, or null if the codec does not know it. */
    public static ApiKey forId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
