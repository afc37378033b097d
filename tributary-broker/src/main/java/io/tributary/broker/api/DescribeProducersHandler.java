package io.tributary.broker.api;

import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.broker.replica.Partition;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import io.tributary.storage.producer.ProducerView;
import java.util.ArrayList;

/**
 * Answers DescribeProducers from the partition leader's producer state: every producer it remembers, with
 * its epoch, last sequence, last timestamp, the coordinator epoch of its last marker and the start offset
 * of its open transaction (-1 when none), which is how hanging transactions are found.
 * Stateless; thread-safe.
 */
public final class DescribeProducersHandler implements RequestHandler {

    private final ReplicaManager replicas;

    public DescribeProducersHandler(ReplicaManager replicas) {
        this.replicas = replicas;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        for (Struct topic : request.getStructs("topics")) {
            String name = topic.getString("name");
            Struct topicResult = response.addChild("topics").set("name", name);
            topicResult.set("partitions", new ArrayList<>());
            for (Object index : topic.getList("partition_indexes")) {
                Struct result = topicResult.addChild("partitions").set("partition_index", index);
                result.set("active_producers", new ArrayList<>());
                Partition partition = replicas.partition(new TopicPartition(name, (Integer) index));
                Errors error = LeaderChecks.check(partition, -1);
                if (error != Errors.NONE) {
                    result.set("error_code", error.code());
                    continue;
                }
                for (ProducerView producer : partition.log().activeProducers()) {
                    result.addChild("active_producers")
                            .set("producer_id", producer.producerId())
                            .set("producer_epoch", (int) producer.epoch())
                            .set("last_sequence", producer.lastSequence())
                            .set("last_timestamp", producer.lastTimestamp())
                            .set("coordinator_epoch", producer.coordinatorEpoch())
                            .set("current_txn_start_offset", producer.currentTxnStartOffset());
                }
            }
        }
        responder.send(response);
    }
}
