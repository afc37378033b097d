package io.tributary.tools;

/**
 * A failure the user can act on. Its message is printed as the tool's one-line error, without a stack trace.
 */
public final class ToolException extends RuntimeException {

    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
