package io.tributary.benchmarks.compare;

import java.nio.file.Path;

/**
 * Log4j 2 configurations for the Kafka-side JVMs: the broker logs INFO to a file, as Kafka's shipped
 * configuration does; the client tools log warnings to stderr only, so their stdout is just their report.
 */
final class Log4jConfig {

    private Log4jConfig() {
    }

    static String brokerFile(Path logFile) {
        return String.join("\n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.file.ref=file",
                "appender.file.type=File",
                "appender.file.name=file",
                "appender.file.fileName=" + logFile,
                "appender.file.layout.type=PatternLayout",
                "appender.file.layout.pattern=[%d] %p %m (%c)%n",
                "");
    }

    static String toolsConsole() {
        return String.join("\n",
                "rootLogger.level=WARN",
                "rootLogger.appenderRef.err.ref=err",
                "appender.err.type=Console",
                "appender.err.name=err",
                "appender.err.target=SYSTEM_ERR",
                "appender.err.layout.type=PatternLayout",
                "appender.err.layout.pattern=%p %m (%c)%n",
                "");
    }
}
