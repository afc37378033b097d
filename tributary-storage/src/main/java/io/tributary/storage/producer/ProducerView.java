package io.tributary.storage.producer;

/**
 * What DescribeProducers shows of one producer in one partition: id, epoch, last sequence written, last
 * timestamp, the coordinator epoch of its last marker and where its open transaction started (-1: none).
 */
public record ProducerView(long producerId, short epoch, int lastSequence, long lastTimestamp, int coordinatorEpoch,
                           long currentTxnStartOffset) {
}
