package io.tributary.protocol.types;

/**
 * Bytes that a response carries without the codec copying them, such as a slice of a log segment
 * sent with zero-copy file transfer. The writer reserves the length prefix and hands the payload to
 * the transport as a separate chunk.
 */
public interface ExternalPayload {

    int sizeInBytes();
}
