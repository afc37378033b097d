package io.tributary.benchmarks.compare;

import java.nio.file.Path;

/**
 * Where and how one fresh broker of one round runs: its private directory (config, logs, console output),
 * its data directory inside it, the client port on 127.0.0.1, and the JVM heap options both systems share.
 */
public record BrokerSpec(Path dir, int port, String heapOpts) {

    public Path dataDir() {
        return dir.resolve("data");
    }

    public Path stdout() {
        return dir.resolve("broker.out");
    }

    public Path stderr() {
        return dir.resolve("broker.err");
    }
}
