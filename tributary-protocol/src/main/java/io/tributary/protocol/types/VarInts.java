package io.tributary.protocol.types;

/** Sizes of variable-length integers (LEB128; zig-zag for signed record-level varints). */
public final class VarInts {

    private VarInts() {
    }

    public static int sizeOfUnsignedVarint(int value) {
        int leadingZeros = Integer.numberOfLeadingZeros(value);
        return Math.max(1, (38 - leadingZeros) / 7);
    }

    public static int sizeOfVarint(int value) {
        return sizeOfUnsignedVarint((value << 1) ^ (value >> 31));
    }

    public static int sizeOfVarlong(long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        int leadingZeros = Long.numberOfLeadingZeros(zigzag);
        return Math.max(1, (70 - leadingZeros) / 7);
    }
}
