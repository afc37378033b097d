package io.tributary.broker.admin;

import io.tributary.protocol.ApiException;
import io.tributary.protocol.Errors;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * The levels of this process's loggers, read and changed at run time: Kafka's BROKER_LOGGER config resource.
 * A logger is any logger created so far, any logger named in the logging configuration, or a package prefix of
 * one of those (setting {@code io.tributary.broker} to DEBUG covers every logger below it, as in Log4j's hierarchy).
 * Changes last until the process stops, as in Kafka. Thread-safe: Log4j serialises configuration changes.
 */
public final class LoggerLevels {

    /** The name Kafka's tools use for the root logger. */
    public static final String ROOT = "root";

    /** The levels Kafka accepts for a logger. */
    public static final List<String> VALID_LEVELS = List.of("FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE");

    /** Every known logger and its effective level, root first under Kafka's name for it. */
    public Map<String, String> levels() {
        LoggerContext context = context();
        Map<String, String> levels = new TreeMap<>();
        for (org.apache.logging.log4j.core.Logger logger : context.getLoggers()) {
            if (!logger.getName().isEmpty()) {
                levels.put(logger.getName(), logger.getLevel().name());
            }
        }
        for (Map.Entry<String, LoggerConfig> entry : context.getConfiguration().getLoggers().entrySet()) {
            if (!entry.getKey().isEmpty()) {
                levels.put(entry.getKey(), context.getLogger(entry.getKey()).getLevel().name());
            }
        }
        levels.put(ROOT, context.getRootLogger().getLevel().name());
        return levels;
    }

    /** Checks a change before any of a request's changes is made, so a request applies all or nothing. */
    public void validateSet(String logger, String level) {
        if (level == null || !VALID_LEVELS.contains(level.toUpperCase(java.util.Locale.ROOT))) {
            throw new ApiException(Errors.INVALID_CONFIG, "Cannot set the log level of " + logger + " to " + level
                    + " as it is not a supported log level. Valid log levels are " + String.join(", ", VALID_LEVELS));
        }
        requireExists(logger);
    }

    public void validateUnset(String logger) {
        if (logger.equals(ROOT)) {
            throw new ApiException(Errors.INVALID_REQUEST, "Removing the log level of the root logger is not allowed");
        }
        requireExists(logger);
    }

    public void set(String logger, String level) {
        Level parsed = Level.toLevel(level.toUpperCase(java.util.Locale.ROOT));
        if (logger.equals(ROOT)) {
            Configurator.setRootLevel(parsed);
        } else {
            Configurator.setLevel(logger, parsed);
        }
    }

    /** The logger takes its parent's level again. */
    public void unset(String logger) {
        LoggerContext context = context();
        LoggerConfig config = context.getConfiguration().getLoggers().get(logger);
        if (config != null) {
            config.setLevel(null);
            context.updateLoggers();
        }
    }

    private void requireExists(String logger) {
        if (logger.equals(ROOT)) {
            return;
        }
        String prefix = logger + ".";
        boolean exists = levels().keySet().stream().anyMatch(name -> name.equals(logger) || name.startsWith(prefix));
        if (!exists) {
            throw new ApiException(Errors.INVALID_CONFIG, "Logger " + logger + " does not exist!");
        }
    }

    private static LoggerContext context() {
        return (LoggerContext) LogManager.getContext(false);
    }
}
