package io.tributary.broker.sim;

import io.tributary.broker.network.FileSlice;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.broker.replica.ReplicaTransport;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.Struct;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The simulation's network between followers and leaders: a follower's request is encoded to bytes,
 * decoded and handed to the leader broker's real request handler (Fetch, OffsetForLeaderEpoch),
 * and the response travels back the same way, all within the follower's step. It can drop a request
 * or its response (seeded), cut the link between two brokers both ways (a network partition), and
 * delay a response: the leader has answered, but before the follower sees the answer the simulation
 * runs its pending metadata changes, so the answer arrives late, after a role change.
 *
 * <p>Threading: single-threaded, like the simulation.
 */
final class InMemoryReplicaRouter {

    /** What a broker serves to followers; null while it is down. */
    interface Leader {
        RequestHandler handler(ApiKey api);
    }

    private final Random random;
    private final Map<Integer, Leader> leaders = new HashMap<>();
    private final Set<Long> cut = new HashSet<>();
    private IntPredicate reachable = id -> true;
    private Runnable duringDelay = () -> { };
    private double dropRate;
    private double delayRate;
    private int correlation;

    InMemoryReplicaRouter(Random random) {
        this.random = random;
    }

    void register(int brokerId, Leader leader) {
        leaders.put(brokerId, leader);
    }

    void unregister(int brokerId) {
        leaders.remove(brokerId);
    }

    void setReachable(IntPredicate reachable) {
        this.reachable = reachable;
    }

    void setFaults(double dropRate, double delayRate, Runnable duringDelay) {
        this.dropRate = dropRate;
        this.delayRate = delayRate;
        this.duringDelay = duringDelay;
    }

    void partition(int a, int b) {
        cut.add(link(a, b));
    }

    void heal() {
        cut.clear();
    }

    boolean isCut(int a, int b) {
        return cut.contains(link(a, b));
    }

    private static long link(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }

    ReplicaTransport transportFor(int localBrokerId) {
        return brokerId -> {
            check(localBrokerId, brokerId);
            return new ReplicaTransport.Channel() {
                @Override
                public Struct call(ApiKey api, short version, Struct request) throws IOException {
                    return deliver(localBrokerId, brokerId, api, version, request);
                }

                @Override
                public void close() {
                }
            };
        };
    }

    private void check(int from, int to) throws IOException {
        if (!leaders.containsKey(to) || !reachable.test(to) || isCut(from, to)) {
            throw new IOException("broker " + to + " is unreachable from " + from);
        }
    }

    private Struct deliver(int from, int to, ApiKey api, short version, Struct request) throws IOException {
        check(from, to);
        if (random.nextDouble() < dropRate) {
            throw new IOException("request dropped");
        }
        Struct decoded = MessageCodec.readRequest(api, version,
                new ProtocolReader(MessageCodec.requestBytes(api, version, request)));
        Struct[] answer = new Struct[1];
        RequestContext context = new RequestContext(new RequestHeader(api.id(), version, ++correlation,
                "replica-fetcher-" + from), api, new InetSocketAddress("127.0.0.1", 1), "sim-" + from + "-" + to, 0);
        leaders.get(to).handler(api).handle(context, decoded, new Responder() {
            @Override
            public void send(Struct response) {
                answer[0] = response;
            }

            @Override
            public void noResponse() {
            }

            @Override
            public void closeConnection(String reason) {
            }
        });
        if (answer[0] == null) {
            throw new IOException("no answer (a parked request; the simulation's fetchers never wait)");
        }
        ByteBuffer bytes = MessageCodec.responseBytes(api, version, inlineFileSlices(answer[0]));
        if (random.nextDouble() < dropRate) {
            throw new IOException("response dropped");
        }
        if (random.nextDouble() < delayRate) {
            duringDelay.run();
        }
        return MessageCodec.readResponse(api, version, new ProtocolReader(bytes));
    }

    /** Fetch responses point into log files (zero-copy on a socket); here their bytes are copied. */
    private static Struct inlineFileSlices(Struct response) {
        if (!response.hasField("responses")) {
            return response;
        }
        for (Struct topic : response.getStructs("responses")) {
            for (Struct partition : topic.getStructs("partitions")) {
                if (partition.get("records") instanceof FileSlice slice) {
                    ByteBuffer copy = ByteBuffer.allocate(slice.sizeInBytes());
                    try {
                        while (copy.hasRemaining()) {
                            if (slice.channel().read(copy, slice.position() + copy.position()) < 0) {
                                break;
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    partition.set("records", copy.flip());
                }
            }
        }
        return response;
    }
}
