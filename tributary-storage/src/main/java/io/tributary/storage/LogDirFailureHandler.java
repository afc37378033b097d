package io.tributary.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Told when a disk operation under a log dir fails, so the owner can take that dir offline and report it
 * while other dirs keep serving. Called from whichever thread hit the error; implementations must be
 * thread-safe and must not block.
 */
@FunctionalInterface
public interface LogDirFailureHandler {

    LogDirFailureHandler NONE = (dir, cause) -> { };

    void onFailure(Path logDir, IOException cause);
}
