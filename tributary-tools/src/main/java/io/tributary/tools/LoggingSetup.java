package io.tributary.tools;

import java.util.Arrays;

/**
 * Chooses the logging configuration before the first logger is created (Log4j reads these system properties once).
 * Client tools log only errors, on standard error, so their output stays what the user asked for; {@code --verbose}
 * raises that to INFO. Servers log at INFO to standard output unless the launcher has pointed Log4j at
 * {@code config/log4j2.xml}. A configuration chosen by the user ({@code -Dlog4j2.configurationFile=...}) is left alone.
 */
final class LoggingSetup {

    static final String CONFIGURATION_FILE = "log4j2.configurationFile";
    static final String TOOLS_LEVEL = "tributary.tools.log.level";

    private LoggingSetup() {
    }

    static void configure(String[] args) {
        boolean server = args.length > 0 && TributaryCommand.SERVER_SUBCOMMANDS.contains(args[0]);
        boolean verbose = Arrays.asList(args).contains("--verbose");
        if (server) {
            setIfAbsent(CONFIGURATION_FILE, "tributary-server-console-log4j2.xml");
        } else {
            setIfAbsent(CONFIGURATION_FILE, "tributary-tools-log4j2.xml");
            setIfAbsent(TOOLS_LEVEL, verbose ? "info" : "error");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
