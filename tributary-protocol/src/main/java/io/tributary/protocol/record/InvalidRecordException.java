package io.tributary.protocol.record;

/** Bytes that claim to be a record or batch but do not parse as one; the data is not to be trusted. */
public class InvalidRecordException extends RuntimeException {

    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
