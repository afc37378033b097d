package io.tributary.storage;

/**
 * The ways a log operation can fail that a client must hear about, each with the Kafka error code the
 * broker answers with. (A duplicate idempotent batch is not an error: see {@link LogAppendInfo#duplicate()}.)
 */
public enum StorageError {
    OFFSET_OUT_OF_RANGE(1),
    CORRUPT_MESSAGE(2),
    MESSAGE_TOO_LARGE(10),
    RECORD_LIST_TOO_LARGE(18),
    INVALID_TIMESTAMP(32),
    OUT_OF_ORDER_SEQUENCE_NUMBER(45),
    INVALID_PRODUCER_EPOCH(47),
    TRANSACTION_COORDINATOR_FENCED(52),
    KAFKA_STORAGE_ERROR(56),
    UNSUPPORTED_COMPRESSION_TYPE(76),
    INVALID_RECORD(87);

    public final short kafkaCode;

    StorageError(int kafkaCode) {
        this.kafkaCode = (short) kafkaCode;
    }
}
