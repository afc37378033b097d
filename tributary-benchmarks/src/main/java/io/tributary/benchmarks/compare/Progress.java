package io.tributary.benchmarks.compare;

import java.io.PrintStream;
import java.time.Duration;

/** Tells the person running the comparison what it is doing, on stderr, with elapsed time. */
final class Progress {

    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private String prefix = "";

    Progress(PrintStream out) {
        this.out = out;
    }

    void round(int round, int rounds) {
        prefix = "[round " + round + "/" + rounds + "] ";
    }

    void say(String what) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        out.printf("%4d:%02d %s%s%n", elapsed.toMinutes(), elapsed.toSecondsPart(), prefix, what);
    }
}
