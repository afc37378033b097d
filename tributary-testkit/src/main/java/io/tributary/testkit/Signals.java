package io.tributary.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * Sends POSIX signals through the {@code kill} command, since the JDK can only send SIGTERM and SIGKILL.
 * Stateless; safe from any thread.
 */
final class Signals {

    private static final long TIMEOUT_SECONDS = 10;

    private Signals() {
    }

    /** Sends {@code SIG<name>} (e.g. "STOP", "CONT") to {@code pid} and waits for {@code kill} to report success. */
    static void send(long pid, String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + name + " " + pid + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (kill.exitValue() != 0) {
                String output = new String(kill.getInputStream().readAllBytes());
                throw new IllegalStateException("kill -" + name + " " + pid + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + name + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + name + " to " + pid, e);
        }
    }
}
