package io.tributary.broker.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded, deterministic simulation of replication and election: three or four brokers' real
 * ReplicaManagers, Partitions, logs (in temp directories), replica fetchers, ISR managers and
 * controllers, over one in-memory ZooKeeper ({@code InMemoryEnsemble}) and one in-memory network
 * ({@link InMemoryReplicaRouter}), all driven step by step from one thread and one clock. Each seed
 * produces acks=all batches (min.insync.replicas=2, replication factor 3) while it kills and restarts
 * brokers, pauses them, expires their ZooKeeper sessions, cuts and heals links between them, drops
 * and delays fetch traffic, has the controller move leadership away (a leader-epoch bump) and lets
 * the preferred-leader pass run. At the end it heals everything and waits for convergence.
 *
 * <p>Invariants, checked after every event:
 * <ol>
 *   <li>At most one leader per partition epoch: no two brokers (nor the store and a broker) ever name
 *       different leaders for the same partition and leader epoch.</li>
 *   <li>The high watermark never goes back on a replica (for the lifetime of its log on one broker
 *       process).</li>
 *   <li>No batch acknowledged with acks=all under min.insync.replicas is lost: the current leader's
 *       log, and every replica whose high watermark is past it, holds it at its offset with its
 *       CRC.</li>
 *   <li>The ISR in the store never names a broker whose log ends below the leader's high watermark
 *       (for a dead broker, where its log ended when it died).</li>
 *   <li>Followers converge to the leader's log: once healed, every replica holds exactly the leader's
 *       batches (same CRCs, same log end and high watermark) and the ISR is every replica again.</li>
 * </ol>
 *
 * <p>Seeds: {@code -Dsim.seeds=N} (default 2000) seeds starting at {@code -Dsim.firstSeed} (default 1);
 * {@code -Dsim.seed=S} runs seed S alone. A failure names its seed and its last events; the same seed
 * replays the same run exactly.
 */
class ReplicationSimulationTest {

    private static final int EVENTS_PER_SEED = Integer.getInteger("sim.events", 60);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 900, unit = TimeUnit.SECONDS) // a guard against a hang; 2000 seeds take about a minute on an idle 2-core machine
    void replicationKeepsItsInvariantsUnderSeededFaults() throws IOException {
        String single = System.getProperty("sim.seed");
        long first = single != null ? Long.parseLong(single) : Long.getLong("sim.firstSeed", 1);
        int count = single != null ? 1 : Integer.getInteger("sim.seeds", 2000);
        long started = System.nanoTime();
        long acked = 0;
        long events = 0;
        Path base = scratch();
        for (long seed = first; seed < first + count; seed++) {
            Path root = Files.createDirectories(base.resolve("seed-" + seed));
            try {
                ReplicationSimulation.Outcome outcome = new ReplicationSimulation(seed, root).run(EVENTS_PER_SEED);
                acked += outcome.acked();
                events += outcome.events();
            } finally {
                delete(root);
            }
        }
        if (!base.equals(dir)) {
            delete(base);
        }
        System.out.printf("Replication simulation: %d seeds from %d, %d events, %d acknowledged batches, %d ms%n", count,
                first, events, acked, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertTrue(acked > 0, "the runs acknowledged nothing, so they checked nothing");
    }

    /**
     * Where the logs go: a directory in /dev/shm when the machine has one (real files, but fsync costs
     * nothing, and thousands of clusters sync a lot of checkpoints), else the test's temp dir.
     */
    private Path scratch() throws IOException {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            Path base = Files.createTempDirectory(shm, "tributary-sim-");
            base.toFile().deleteOnExit();
            return base;
        }
        return dir;
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
