package io.tributary.benchmarks.compare;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every process the harness has started and not yet seen exit, so that an interrupted run (Ctrl-C, an
 * exception) still leaves no broker or tool behind. Thread-safe: the JVM shutdown hook reads it.
 */
final class ChildProcesses {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::killAll, "kill-children"));
    }

    private ChildProcesses() {
    }

    static void register(Process process) {
        LIVE.add(process);
    }

    static void forget(Process process) {
        LIVE.remove(process);
    }

    static void killAll() {
        for (Process p : LIVE) {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        LIVE.clear();
    }
}
