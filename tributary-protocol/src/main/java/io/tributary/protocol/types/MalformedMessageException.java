package io.tributary.protocol.types;

/** The bytes do not form a valid message of the declared schema and version. */
public class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String message) {
        super(message);
    }
}
