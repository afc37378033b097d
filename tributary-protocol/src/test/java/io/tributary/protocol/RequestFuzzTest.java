package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tributary.protocol.types.MalformedMessageException;
import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.Struct;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer over request frames, decoded exactly as the broker decodes them (header, API and
 * version check, body). It starts from the corpus in {@code src/test/resources/fuzz/request-corpus.txt} (one
 * valid frame per API version, written by {@link RequestCorpus}) and mutates: bit flips, random and boundary
 * values over bytes, shorts, ints and varints (lengths and counts are what a hostile peer lies about),
 * insertions, deletions, truncation and splices of two frames. Every input must decode or be refused as
 * {@link MalformedMessageException}; decoding must not allocate more than a small multiple of the input (no
 * buffer sized from a length field), and what decodes must encode and decode again. Inputs that once broke a
 * rule are kept in {@code request-findings.txt} and replayed first.
 *
 * <p>Runs for {@code -Dtributary.fuzz.seconds} (20 by default) from {@code -Dtributary.fuzz.seed}, so a
 * finding is reproduced by rerunning with the seed it printed.
 */
class RequestFuzzTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final int[] BOUNDARIES = {0, 1, -1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff,
        0x80000000, 0x10000, 0x3fffffff};
    private static final int MAX_FINDINGS = 10;

    @Test
    void mutatedRequestFramesDecodeOrAreMalformedWithinBoundedMemory() {
        long seconds = Long.getLong("tributary.fuzz.seconds", 20L);
        // Bounded by the run's own length plus a minute, whatever length was asked for.
        assertTimeoutPreemptively(Duration.ofSeconds(seconds + 60), () -> fuzz(seconds));
    }

    private static void fuzz(long seconds) throws IOException {
        List<byte[]> corpus = load("fuzz/request-corpus.txt");
        List<byte[]> findings = load("fuzz/request-findings.txt");
        assertThat(corpus).as("fuzz corpus").hasSizeGreaterThan(100);
        List<String> broken = new ArrayList<>();
        for (byte[] finding : findings) {
            check(finding, broken, "finding");
        }
        long seed = Long.getLong("tributary.fuzz.seed", 20261204L);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Random random = new Random(seed);
        long inputs = 0;
        while (System.nanoTime() < deadline && broken.size() < MAX_FINDINGS) {
            byte[] input = corpus.get(random.nextInt(corpus.size())).clone();
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                input = mutate(input, random, corpus);
            }
            check(input, broken, "seed " + seed + " input " + inputs);
            inputs++;
        }
        System.out.printf("Request fuzzer: %,d inputs from seed %d, %d findings%n", inputs, seed, broken.size());
        assertThat(broken).as("inputs that broke the codec's contract (add them to request-findings.txt)")
                .isEmpty();
        assertThat(inputs).as("inputs tried").isGreaterThan(1000);
    }

    /** Decodes one frame as the broker does and records how it broke a rule, if it did. */
    private static void check(byte[] frame, List<String> broken, String label) {
        long before = allocated();
        try {
            Struct body = decode(frame);
            long used = allocated() - before;
            if (used > 64L * frame.length + (1 << 20)) {
                broken.add(label + ": decoding " + frame.length + " bytes allocated " + used + ": " + HEX.formatHex(frame));
                return;
            }
            if (body != null) {
                reencode(frame, body);
            }
        } catch (MalformedMessageException refused) {
            // the one allowed failure
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            broken.add(label + ": " + e + ": " + HEX.formatHex(frame));
        }
    }

    /** The broker's decode: null for frames it answers without a body (unknown API, unsupported version). */
    private static Struct decode(byte[] frame) {
        ProtocolReader reader = new ProtocolReader(ByteBuffer.wrap(frame));
        RequestHeader header = RequestHeader.read(reader);
        ApiKey api = ApiKey.forId(header.apiKey());
        if (api == null || !api.spec().validVersions().contains(header.apiVersion())) {
            return null;
        }
        return MessageCodec.readRequest(api, header.apiVersion(), reader);
    }

    private static void reencode(byte[] frame, Struct body) {
        ProtocolReader reader = new ProtocolReader(ByteBuffer.wrap(frame));
        RequestHeader header = RequestHeader.read(reader);
        ApiKey api = ApiKey.forId(header.apiKey());
        ByteBuffer again = MessageCodec.requestBytes(api, header.apiVersion(), body);
        MessageCodec.readRequest(api, header.apiVersion(), new ProtocolReader(again));
    }

    private static byte[] mutate(byte[] input, Random random, List<byte[]> corpus) {
        if (input.length == 0) {
            return new byte[] {(byte) random.nextInt()};
        }
        int at = random.nextInt(input.length);
        switch (random.nextInt(9)) {
            case 0 -> input[at] ^= (byte) (1 << random.nextInt(8));
            case 1 -> input[at] = (byte) random.nextInt();
            case 2 -> putBoundary(input, at, 2, random);
            case 3 -> putBoundary(input, at, 4, random);
            case 4 -> { // an unsigned varint with a boundary value, as compact lengths and counts are written
                byte[] varint = varint(BOUNDARIES[random.nextInt(BOUNDARIES.length)]);
                System.arraycopy(varint, 0, input, at, Math.min(varint.length, input.length - at));
            }
            case 5 -> {
                byte[] inserted = new byte[1 + random.nextInt(8)];
                random.nextBytes(inserted);
                return splice(input, at, 0, inserted);
            }
            case 6 -> {
                return splice(input, at, 1 + random.nextInt(Math.min(16, input.length - at)), new byte[0]);
            }
            case 7 -> {
                return java.util.Arrays.copyOf(input, at);
            }
            default -> {
                byte[] other = corpus.get(random.nextInt(corpus.size()));
                int from = random.nextInt(other.length);
                byte[] piece = java.util.Arrays.copyOfRange(other, from, Math.min(other.length, from + 32));
                return splice(input, at, Math.min(piece.length, input.length - at), piece);
            }
        }
        return input;
    }

    private static void putBoundary(byte[] input, int at, int width, Random random) {
        int value = BOUNDARIES[random.nextInt(BOUNDARIES.length)];
        for (int i = 0; i < width && at + i < input.length; i++) {
            input[at + i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
    }

    private static byte[] varint(int value) {
        ByteBuffer out = ByteBuffer.allocate(5);
        int v = value;
        while ((v & ~0x7f) != 0) {
            out.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    private static byte[] splice(byte[] input, int at, int remove, byte[] insert) {
        byte[] out = new byte[input.length - remove + insert.length];
        System.arraycopy(input, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(input, at + remove, out, at + insert.length, input.length - at - remove);
        return out;
    }

    static List<byte[]> load(String resource) throws IOException {
        List<byte[]> entries = new ArrayList<>();
        try (InputStream in = RequestFuzzTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                String trimmed = line.trim();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    entries.add(HEX.parseHex(trimmed));
                }
            }
        }
        return entries;
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
