package io.tributary.broker.zk;

import io.tributary.broker.security.sasl.CredentialStore;
import io.tributary.broker.security.sasl.ScramCredential;
import io.tributary.broker.security.sasl.ScramMechanism;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SCRAM credentials of {@code /config/users/<user>}, kept in memory from a ZooKeeper watch: a credential
 * written by any broker or tool (Kafka 2.x's layout) is used by the next authentication here, without a restart.
 * Thread-safe: lookups read Curator's cache.
 */
public final class ScramCredentialCache implements CredentialStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScramCredentialCache.class);

    private final CuratorCache cache;

    public ScramCredentialCache(CuratorFramework curator) {
        this.cache = CuratorCache.build(curator, ZkPaths.CONFIG_USERS);
    }

    public ScramCredentialCache start(long timeoutMs) throws InterruptedException {
        CountDownLatch loaded = new CountDownLatch(1);
        cache.listenable().addListener(CuratorCacheListener.builder().forInitialized(loaded::countDown).build());
        cache.start();
        if (!loaded.await(timeoutMs, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("SCRAM credentials not loaded from ZooKeeper within " + timeoutMs + " ms");
        }
        return this;
    }

    @Override
    public ScramCredential credential(String user, ScramMechanism mechanism) {
        Optional<ChildData> data = cache.get(ZkPaths.userConfig(user));
        if (data.isEmpty() || data.get().getData() == null || data.get().getData().length == 0) {
            return null;
        }
        try {
            Map<String, String> config = ZkCodec.entityConfig(data.get().getData());
            String text = config.get(mechanism.mechanismName());
            return text == null ? null : ScramCredential.fromZkText(text);
        } catch (RuntimeException e) {
            log.warn("Ignoring unreadable {} credential of user {} in ZooKeeper", mechanism.mechanismName(), user);
            return null;
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}
