package io.tributary.protocol;

import java.util.Objects;

/**
 * A request failed in a way the protocol can report: the handler throws it and the reply carries
 * {@link #error()} (and, where the response has a message field, {@link #getMessage()}).
 */
public class ApiException extends RuntimeException {

    private final Errors error;

    public ApiException(Errors error, String message) {
        super(message);
        this.error = Objects.requireNonNull(error);
    }

    public ApiException(Errors error, String message, Throwable cause) {
        super(message, cause);
        this.error = Objects.requireNonNull(error);
    }

    public ApiException(Errors error) {
        this(error, error.message());
    }

    public Errors error() {
        return error;
    }
}
