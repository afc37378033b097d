package io.tributary.broker.txn;

/**
 * A transactional id's state at its coordinator, with the int8 code {@code __transaction_state} stores and
 * the name DescribeTransactions and ListTransactions show (Kafka's).
 */
public enum TxnState {
    EMPTY(0, "Empty"),
    ONGOING(1, "Ongoing"),
    PREPARE_COMMIT(2, "PrepareCommit"),
    PREPARE_ABORT(3, "PrepareAbort"),
    COMPLETE_COMMIT(4, "CompleteCommit"),
    COMPLETE_ABORT(5, "CompleteAbort"),
    DEAD(6, "Dead"),
    PREPARE_EPOCH_FENCE(7, "PrepareEpochFence");

    public final byte code;
    public final String displayName;

    TxnState(int code, String displayName) {
        this.code = (byte) code;
        this.displayName = displayName;
    }

    public static TxnState forCode(byte code) {
        for (TxnState state : values()) {
            if (state.code == code) {
                return state;
            }
        }
        throw new IllegalArgumentException("Unknown transaction state " + code);
    }

    public static TxnState forName(String name) {
        for (TxnState state : values()) {
            if (state.displayName.equals(name)) {
                return state;
            }
        }
        return null;
    }

    /** Markers are being written: the outcome is decided but not yet everywhere. */
    public boolean isPreparing() {
        return this == PREPARE_COMMIT || this == PREPARE_ABORT;
    }

    /** No transaction is open: a new one may begin, the id may expire. */
    public boolean isIdle() {
        return this == EMPTY || this == COMPLETE_COMMIT || this == COMPLETE_ABORT;
    }
}
