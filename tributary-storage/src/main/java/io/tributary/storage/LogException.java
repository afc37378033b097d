package io.tributary.storage;

/** A log operation refused or failed, with the {@link StorageError} the broker maps to a Kafka error code. */
public class LogException extends RuntimeException {

    private final StorageError error;

    public LogException(StorageError error, String message) {
        super(message);
        this.error = error;
    }

    public LogException(StorageError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public StorageError error() {
        return error;
    }
}
