package io.tributary.tools;

import java.util.Arrays;

/**
 * Chooses the log level before the first logger is created (slf4j-simple reads system properties once). Client
 * tools log only errors so their output stays what the user asked for; servers log at INFO with timestamps.
 * A property set by the user ({@code -Dorg.slf4j.simpleLogger.defaultLogLevel=...}) is left alone.
 */
final class LoggingSetup {

    private static final String LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private LoggingSetup() {
    }

    static void configure(String[] args) {
        boolean server = args.length > 0 && TributaryCommand.SERVER_SUBCOMMANDS.contains(args[0]);
        boolean verbose = Arrays.asList(args).contains("--verbose");
        setIfAbsent(LEVEL, server || verbose ? "info" : "error");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        if (server) {
            setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
            setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss,SSS");
            setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
            setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
