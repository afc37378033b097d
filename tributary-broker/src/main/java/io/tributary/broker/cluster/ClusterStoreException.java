package io.tributary.broker.cluster;

/** A {@link ClusterStore} operation whose precondition failed, or whose session is gone. */
public final class ClusterStoreException extends RuntimeException {

    /** Which precondition failed; mirrors ZooKeeper's codes so callers branch on them the same way. */
    public enum Code {
        NODE_EXISTS, NO_NODE, BAD_VERSION, NOT_EMPTY, SESSION_EXPIRED, CONNECTION_LOSS, OTHER
    }

    private final Code code;

    public ClusterStoreException(Code code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public ClusterStoreException(Code code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
