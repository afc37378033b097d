package io.tributary.storage;

/**
 * What loading a partition log found and repaired: segments re-validated, batches that passed, bytes cut
 * off a torn or corrupt tail, later segments deleted after it, and segments whose indexes were rebuilt.
 */
public record RecoveryStats(int segmentsRecovered, long batchesValidated, long bytesTruncated,
                            int segmentsDeleted, int indexesRebuilt) {

    public static final RecoveryStats NONE = new RecoveryStats(0, 0, 0, 0, 0);

    public boolean repairedAnything() {
        return bytesTruncated > 0 || segmentsDeleted > 0 || indexesRebuilt > 0;
    }
}
