package io.tributary.tools;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Turns whatever a tool threw into the single line the user sees. A client timeout almost always means nothing
 * answers at the bootstrap address, so it is reported as such instead of as the client's internal call name.
 */
public final class ErrorMessages {

    private ErrorMessages() {
    }

    /** The innermost meaningful cause: futures wrap the real error in ExecutionException/CompletionException. */
    public static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** One line describing {@code t}; {@code bootstrap} names the address the tool tried to reach. */
    public static String oneLine(Throwable t, String bootstrap) {
        Throwable cause = unwrap(t);
        if (cause instanceof ToolException) {
            return cause.getMessage();
        }
        if (cause instanceof TimeoutException && bootstrap != null) {
            return "cannot reach broker at " + bootstrap + " (no answer in time)";
        }
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        return firstLine(message);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
