package io.tributary.broker.network;

import io.tributary.protocol.types.ExternalPayload;
import java.nio.channels.FileChannel;

/** Bytes of a log segment file to send without copying them through the heap. */
public record FileSlice(FileChannel channel, long position, int sizeInBytes) implements ExternalPayload {
}
