package io.tributary.broker.metadata;

import io.tributary.broker.config.Listeners.Endpoint;
import java.util.List;

/** A live broker as registered in /brokers/ids/&lt;id&gt;; epoch is the znode's creation zxid (KIP-380). */
public record BrokerInfo(int id, List<Endpoint> endpoints, String rack, long epoch) {

    /** The endpoint on the named listener, or null when this broker has no such listener. */
    public Endpoint endpoint(String listenerName) {
        for (Endpoint endpoint : endpoints) {
            if (endpoint.listenerName().equals(listenerName)) {
                return endpoint;
            }
        }
        return null;
    }
}
