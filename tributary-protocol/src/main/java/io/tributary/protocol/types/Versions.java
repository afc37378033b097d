package io.tributary.protocol.types;

/**
 * An inclusive range of API versions, as the protocol declares them ("3+", "0-7", "none").
 * Immutable.
 */
public record Versions(short lowest, short highest) {

    public static final Versions NONE = new Versions((short) 1, (short) 0);
    public static final Versions ALL = new Versions((short) 0, Short.MAX_VALUE);

    public static Versions since(int lowest) {
        return new Versions((short) lowest, Short.MAX_VALUE);
    }

    public static Versions range(int lowest, int highest) {
        return new Versions((short) lowest, (short) highest);
    }

    public boolean contains(short version) {
        return version >= lowest && version <= highest;
    }

    public boolean isEmpty() {
        return lowest > highest;
    }

    /** The overlap of two ranges, possibly empty. */
    public Versions intersect(Versions other) {
        return new Versions((short) Math.max(lowest, other.lowest), (short) Math.min(highest, other.highest));
    }

    @Override
    public String toString() {
        if (isEmpty()) {
            return "none";
        }
        return highest == Short.MAX_VALUE ? lowest + "+" : lowest + "-" + highest;
    }
}
