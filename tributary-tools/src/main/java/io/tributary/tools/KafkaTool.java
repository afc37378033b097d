package io.tributary.tools;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * Base of every tool: runs the tool's body and converts any failure into exit code 1 plus one line on stderr
 * ({@code Error: ...}), with the stack trace only under {@code --verbose}. Not thread-safe; one instance per run.
 */
public abstract class KafkaTool implements Callable<Integer> {

    protected final ToolIo io;

    @Mixin
    protected VerboseOption verboseOption = new VerboseOption();

    protected KafkaTool(ToolIo io) {
        this.io = io;
    }

    /** The tool's work; returns the exit code. */
    protected abstract int run() throws Exception;

    /** The address the tool talks to, named in "cannot reach" errors; null if none. */
    protected abstract String target();

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (Exception e) {
            io.err().println("Error: " + ErrorMessages.oneLine(e, target()));
            if (verboseOption.verbose) {
                e.printStackTrace(io.err());
            }
            return 1;
        } finally {
            io.out().flush();
        }
    }

    protected boolean verbose() {
        return verboseOption.verbose;
    }
}
