package io.tributary.broker.zk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.broker.security.acl.AclBinding;
import io.tributary.broker.security.acl.AclBindingFilter;
import io.tributary.broker.security.acl.AclOperation;
import io.tributary.broker.security.acl.AclPermissionType;
import io.tributary.broker.security.acl.PatternType;
import io.tributary.broker.security.acl.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ACLs in ZooKeeper as Kafka 2.x keeps them: literal ones under {@code /kafka-acl/<ResourceType>/<name>}, prefixed
 * ones under {@code /kafka-acl-extended/prefixed/<ResourceType>/<name>}, each znode
 * {@code {"version":1,"acls":[{"principal","permissionType","operation","host"}]}}, with a change notification
 * per write ({@code /kafka-acl-changes}, {@code /kafka-acl-extended-changes}). Every broker follows both trees
 * through watches, so ACLs survive restarts and reach every broker. Thread-safe: writes are conditional on the
 * znode version and retried; readers get an immutable snapshot rebuilt after each change.
 */
public final class ZkAclStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ZkAclStore.class);
    public static final String LITERAL_ROOT = "/kafka-acl";
    public static final String PREFIXED_ROOT = "/kafka-acl-extended/prefixed";
    private static final String LITERAL_CHANGES = "/kafka-acl-changes/acl_changes_";
    private static final String EXTENDED_CHANGES = "/kafka-acl-extended-changes/acl_changes_";

    private final CuratorFramework curator;
    private final CuratorCache literal;
    private final CuratorCache prefixed;
    private volatile List<AclBinding> snapshot = List.of();

    public ZkAclStore(CuratorFramework curator) {
        this.curator = curator;
        this.literal = CuratorCache.build(curator, LITERAL_ROOT);
        this.prefixed = CuratorCache.build(curator, PREFIXED_ROOT);
    }

    public ZkAclStore start(long timeoutMs) throws Exception {
        for (String root : List.of(LITERAL_ROOT, PREFIXED_ROOT, "/kafka-acl-changes", "/kafka-acl-extended-changes")) {
            try {
                curator.create().creatingParentsIfNeeded().forPath(root);
            } catch (KeeperException.NodeExistsException e) {
                // already there
            }
        }
        CountDownLatch loaded = new CountDownLatch(2);
        for (CuratorCache cache : List.of(literal, prefixed)) {
            cache.listenable().addListener(CuratorCacheListener.builder()
                    .forAll((type, oldData, data) -> rebuild())
                    .forInitialized(loaded::countDown).build());
            cache.start();
        }
        if (!loaded.await(timeoutMs, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("ACLs not loaded from ZooKeeper within " + timeoutMs + " ms");
        }
        rebuild();
        return this;
    }

    /** Every ACL, as last seen in ZooKeeper. */
    public Collection<AclBinding> acls() {
        return snapshot;
    }

    private synchronized void rebuild() {
        List<AclBinding> all = new ArrayList<>();
        collect(literal, LITERAL_ROOT, PatternType.LITERAL, all);
        collect(prefixed, PREFIXED_ROOT, PatternType.PREFIXED, all);
        snapshot = List.copyOf(all);
    }

    private static void collect(CuratorCache cache, String root, PatternType patternType, List<AclBinding> out) {
        cache.stream().forEach(node -> {
            String relative = node.getPath().length() > root.length() ? node.getPath().substring(root.length() + 1) : "";
            int slash = relative.indexOf('/');
            if (slash <= 0 || node.getData() == null || node.getData().length == 0) {
                return;
            }
            ResourceType type = ResourceType.forName(relative.substring(0, slash));
            if (type == null) {
                return;
            }
            AclBinding.ResourcePattern pattern = new AclBinding.ResourcePattern(type, relative.substring(slash + 1),
                    patternType);
            try {
                for (AclBinding.Entry entry : decode(node.getData())) {
                    out.add(new AclBinding(pattern, entry));
                }
            } catch (RuntimeException e) {
                log.warn("Ignoring unreadable ACL znode {}", node.getPath());
            }
        });
    }

    /** Adds bindings (already present ones are kept once). */
    public void add(Collection<AclBinding> bindings) throws Exception {
        Map<AclBinding.ResourcePattern, List<AclBinding.Entry>> byPattern = new LinkedHashMap<>();
        bindings.forEach(b -> byPattern.computeIfAbsent(b.pattern(), p -> new ArrayList<>()).add(b.entry()));
        for (Map.Entry<AclBinding.ResourcePattern, List<AclBinding.Entry>> e : byPattern.entrySet()) {
            update(e.getKey(), entries -> entries.addAll(e.getValue()));
        }
    }

    /** Removes every binding matching the filter; returns what was removed. */
    public List<AclBinding> delete(AclBindingFilter filter) throws Exception {
        List<AclBinding> matched = snapshot.stream().filter(filter::matches).toList();
        Map<AclBinding.ResourcePattern, List<AclBinding.Entry>> byPattern = new LinkedHashMap<>();
        matched.forEach(b -> byPattern.computeIfAbsent(b.pattern(), p -> new ArrayList<>()).add(b.entry()));
        for (Map.Entry<AclBinding.ResourcePattern, List<AclBinding.Entry>> e : byPattern.entrySet()) {
            update(e.getKey(), entries -> e.getValue().forEach(entries::remove));
        }
        return matched;
    }

    private void update(AclBinding.ResourcePattern pattern, java.util.function.Consumer<Set<AclBinding.Entry>> change)
            throws Exception {
        String path = path(pattern);
        for (int attempt = 0; attempt < 20; attempt++) {
            Stat stat = new Stat();
            Set<AclBinding.Entry> entries = new LinkedHashSet<>();
            boolean exists = true;
            try {
                entries.addAll(decode(curator.getData().storingStatIn(stat).forPath(path)));
            } catch (KeeperException.NoNodeException e) {
                exists = false;
            }
            change.accept(entries);
            try {
                if (!exists) {
                    if (entries.isEmpty()) {
                        return;
                    }
                    curator.create().creatingParentsIfNeeded().forPath(path, encode(entries));
                } else if (entries.isEmpty()) {
                    curator.delete().withVersion(stat.getVersion()).forPath(path);
                } else {
                    curator.setData().withVersion(stat.getVersion()).forPath(path, encode(entries));
                }
                notifyChange(pattern);
                return;
            } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException
                     | KeeperException.NoNodeException raced) {
                // another writer changed the znode first: read it again
            }
        }
        throw new IllegalStateException("ACLs of " + path + " kept changing under this write");
    }

    private void notifyChange(AclBinding.ResourcePattern pattern) throws Exception {
        byte[] data;
        String path;
        if (pattern.patternType() == PatternType.LITERAL) {
            path = LITERAL_CHANGES;
            data = (pattern.type().zkName() + ":" + pattern.name()).getBytes(StandardCharsets.UTF_8);
        } else {
            path = EXTENDED_CHANGES;
            ObjectNode node = ZkJson.MAPPER.createObjectNode();
            node.put("version", 1);
            node.put("resourceType", pattern.type().zkName());
            node.put("name", pattern.name());
            node.put("patternType", "PREFIXED");
            data = ZkJson.write(node);
        }
        curator.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT_SEQUENTIAL).forPath(path, data);
    }

    public static String path(AclBinding.ResourcePattern pattern) {
        String root = pattern.patternType() == PatternType.PREFIXED ? PREFIXED_ROOT : LITERAL_ROOT;
        return root + "/" + pattern.type().zkName() + "/" + pattern.name();
    }

    static byte[] encode(Collection<AclBinding.Entry> entries) {
        ObjectNode node = ZkJson.MAPPER.createObjectNode();
        node.put("version", 1);
        ArrayNode acls = node.putArray("acls");
        for (AclBinding.Entry entry : entries) {
            ObjectNode acl = acls.addObject();
            acl.put("principal", entry.principal());
            acl.put("permissionType", entry.permission().zkName());
            acl.put("operation", entry.operation().zkName());
            acl.put("host", entry.host());
        }
        return ZkJson.write(node);
    }

    static List<AclBinding.Entry> decode(byte[] data) {
        List<AclBinding.Entry> entries = new ArrayList<>();
        for (JsonNode acl : ZkJson.read(data).path("acls")) {
            entries.add(new AclBinding.Entry(acl.path("principal").asText(), acl.path("host").asText(),
                    AclOperation.forName(acl.path("operation").asText()),
                    AclPermissionType.forName(acl.path("permissionType").asText())));
        }
        return entries;
    }

    @Override
    public void close() {
        literal.close();
        prefixed.close();
    }
}
