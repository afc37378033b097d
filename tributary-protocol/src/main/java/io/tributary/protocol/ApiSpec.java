package io.tributary.protocol;

import io.tributary.protocol.types.Schema;
import io.tributary.protocol.types.Versions;

/**
 * Everything the codec needs to know about one API: its key, the versions the protocol defines,
 * the first flexible version, and the request and response schemas across all those versions.
 * What the broker chooses to advertise is a separate decision (the broker's supported-API table).
 */
public record ApiSpec(short key, String name, Versions validVersions, short firstFlexibleVersion,
                      Schema request, Schema response) {

    /** For APIs without flexible versions. */
    public static final int NEVER_FLEXIBLE = Short.MAX_VALUE;

    public static ApiSpec of(int key, String name, Versions valid, int firstFlexible, Schema request, Schema response) {
        return new ApiSpec((short) key, name, valid, (short) firstFlexible, request, response);
    }

    public boolean isFlexible(short version) {
        return version >= firstFlexibleVersion;
    }

    public short requestHeaderVersion(short version) {
        return isFlexible(version) ? (short) 2 : (short) 1;
    }

    /** ApiVersions answers with header v0 in every version (KIP-511) so any client can read it. */
    public short responseHeaderVersion(short version) {
        if (key == 18) { // ApiVersions
            return 0;
        }
        return isFlexible(version) ? (short) 1 : (short) 0;
    }
}
