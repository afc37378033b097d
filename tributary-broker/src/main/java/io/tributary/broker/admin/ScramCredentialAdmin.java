package io.tributary.broker.admin;

import io.tributary.broker.security.sasl.ScramCredential;
import io.tributary.broker.security.sasl.ScramMechanism;
import io.tributary.broker.zk.KafkaZkClient;
import io.tributary.broker.zk.ZkPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.KeeperException;

/**
 * Reads and changes SCRAM credentials in {@code /config/users/<user>}, Kafka 2.x's layout (other keys of a
 * user's config, such as quotas, are kept). Every broker's credential cache follows the znodes. Thread-safe
 * (stateless over ZooKeeper); concurrent changes of one user are last-writer-wins, as in Kafka 2.x.
 */
public final class ScramCredentialAdmin {

    private final KafkaZkClient zk;

    public ScramCredentialAdmin(KafkaZkClient zk) {
        this.zk = zk;
    }

    /** Every user with at least one SCRAM credential. */
    public List<String> users() throws Exception {
        List<String> users = new ArrayList<>();
        List<String> children;
        try {
            children = zk.curator().getChildren().forPath(ZkPaths.CONFIG_USERS);
        } catch (KeeperException.NoNodeException e) {
            return users;
        }
        for (String child : children) {
            String user = ZkPaths.desanitize(child);
            if (!mechanisms(user).isEmpty()) {
                users.add(user);
            }
        }
        return users;
    }

    /** The user's SCRAM mechanisms and their iterations. */
    public Map<ScramMechanism, Integer> mechanisms(String user) throws Exception {
        Map<ScramMechanism, Integer> result = new LinkedHashMap<>();
        Map<String, String> config = zk.userConfig(user);
        for (ScramMechanism mechanism : ScramMechanism.values()) {
            String text = config.get(mechanism.mechanismName());
            if (text != null) {
                result.put(mechanism, ScramCredential.fromZkText(text).iterations());
            }
        }
        return result;
    }

    /** Applies one user's upsertions and deletions in one write. */
    public void alter(String user, Map<ScramMechanism, ScramCredential> upserts, List<ScramMechanism> deletions)
            throws Exception {
        Map<String, String> config = new LinkedHashMap<>(zk.userConfig(user));
        deletions.forEach(m -> config.remove(m.mechanismName()));
        upserts.forEach((m, credential) -> config.put(m.mechanismName(), credential.toZkText()));
        zk.setUserConfig(user, config);
    }
}
