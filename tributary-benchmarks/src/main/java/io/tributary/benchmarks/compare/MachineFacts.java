package io.tributary.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One line about the machine a run happened on: cores, memory, JVM and load average. The load average,
 * printed at start and end, shows whether other work shared the cores during the run.
 */
final class MachineFacts {

    private MachineFacts() {
    }

    static String describe() throws IOException {
        long memKiB = ProcStat.statusField(Files.readString(Path.of("/proc/meminfo")), "MemTotal:");
        String load = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", 4)[0];
        return String.format("%d cores, %d GiB RAM, Java %s (%s), load average %s",
                Runtime.getRuntime().availableProcessors(), memKiB >> 20, System.getProperty("java.version"),
                System.getProperty("java.vm.name"), load);
    }
}
