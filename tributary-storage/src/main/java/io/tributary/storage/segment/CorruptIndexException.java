package io.tributary.storage.segment;

import java.io.IOException;

/** An index file whose content cannot be trusted; the segment rebuilds it from the log. */
public class CorruptIndexException extends IOException {

    public CorruptIndexException(String message) {
        super(message);
    }
}
