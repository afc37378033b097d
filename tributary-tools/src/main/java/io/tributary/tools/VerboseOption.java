package io.tributary.tools;

import picocli.CommandLine.Option;

/**
 * The {@code --verbose} flag every tool accepts: stack traces on failure and client logging at INFO. (The launcher
 * reads it before picocli does, because logging must be configured before the first logger exists.)
 */
public final class VerboseOption {

    @Option(names = "--verbose", description = "Print stack traces and client logs; with consumer-groups also show assignments.")
    public boolean verbose;
}
