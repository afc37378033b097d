package io.tributary.protocol.compress;

import java.io.IOException;

/** A compressed section would decompress to more bytes than the reader allows: a bomb, or a lying batch. */
public final class DecompressionLimitException extends IOException {

    public DecompressionLimitException(String message) {
        super(message);
    }
}
