package io.tributary.protocol.types;

/** UTF-8 length without encoding, so sizing a message allocates nothing. */
final class Utf8 {

    private Utf8() {
    }

    static int encodedLength(String s) {
        int length = s.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2;
                    i++;
                } else if (!Character.isSurrogate(c)) {
                    bytes += 2;
                }
                // a lone surrogate is encoded as '?', one byte, already counted
            }
        }
        return bytes;
    }
}
