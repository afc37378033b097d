package io.tributary.broker.api.admin;

import io.tributary.broker.security.acl.AclOperation;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.broker.replica.Partition;
import io.tributary.broker.replica.ReplicaManager;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import io.tributary.storage.UnifiedLog;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * DescribeLogDirs: each configured log directory with the partitions it holds, their size on disk and
 * an offset lag of 0 (no partition is ever being moved between directories). An offline directory is
 * reported with KAFKA_STORAGE_ERROR. Stateless.
 */
public final class DescribeLogDirsHandler implements RequestHandler {

    private final List<Path> logDirs;
    private final ReplicaManager replicas;
    private final Supplier<Set<Path>> offlineDirs;

    public DescribeLogDirsHandler(List<Path> logDirs, ReplicaManager replicas, Supplier<Set<Path>> offlineDirs) {
        this.logDirs = logDirs.stream().map(DescribeLogDirsHandler::canonical).toList();
        this.replicas = replicas;
        this.offlineDirs = offlineDirs;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        if (!context.isAuthorizedOnCluster(AclOperation.DESCRIBE)) {
            // Kafka: v3+ carries the error, older versions get no directories at all.
            responder.send(response.set("error_code", Errors.CLUSTER_AUTHORIZATION_FAILED.code()));
            return;
        }
        Map<String, List<Integer>> wanted = wanted(request.getStructs("topics"));
        Set<Path> offline = offlineDirs.get().stream().map(DescribeLogDirsHandler::canonical)
                .collect(Collectors.toSet());
        for (Path dir : logDirs) {
            Struct result = response.addChild("results").set("log_dir", dir.toString());
            if (offline.contains(dir)) {
                result.set("error_code", Errors.KAFKA_STORAGE_ERROR.code());
                continue;
            }
            Map<String, Struct> topics = new TreeMap<>();
            for (Partition partition : List.copyOf(replicas.allPartitions())) {
                UnifiedLog log = partition.log();
                String topic = partition.topicPartition().topic();
                int index = partition.topicPartition().partition();
                if (!canonical(log.dir().getParent()).equals(dir) || !isWanted(wanted, topic, index)) {
                    continue;
                }
                topics.computeIfAbsent(topic, t -> result.addChild("topics").set("name", t))
                        .addChild("partitions")
                        .set("partition_index", index)
                        .set("partition_size", log.size())
                        .set("offset_lag", 0L)
                        .set("is_future_key", false);
            }
            if (context.version() >= 4) {
                space(dir, result);
            }
        }
        responder.send(response);
    }

    private static Map<String, List<Integer>> wanted(Collection<Struct> topics) {
        if (topics == null) {
            return null;
        }
        Map<String, List<Integer>> wanted = new TreeMap<>();
        for (Struct topic : topics) {
            wanted.put(topic.getString("topic"), topic.getList("partitions"));
        }
        return wanted;
    }

    private static boolean isWanted(Map<String, List<Integer>> wanted, String topic, int partition) {
        if (wanted == null) {
            return true;
        }
        List<Integer> partitions = wanted.get(topic);
        return partitions != null && partitions.contains(partition);
    }

    private static void space(Path dir, Struct result) {
        try {
            FileStore store = Files.getFileStore(dir);
            result.set("total_bytes", store.getTotalSpace()).set("usable_bytes", store.getUsableSpace());
        } catch (IOException e) {
            // Sizes stay at -1, which clients read as unknown.
        }
    }

    private static Path canonical(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
