package io.tributary.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.tributary.common.MockTime;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.compress.CompressionType;
import io.tributary.storage.config.LogConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Batches a hostile producer builds by hand (decompression bombs in every codec, records that lie about their
 * length, headers that lie about the count, codec ids that name no codec, a bad CRC), on a delete and a
 * compacted topic. Each must be refused with the error Kafka answers, leave the log's end offset where it was,
 * allocate no more than a few MiB while it is refused (the bombs inflate to tens or hundreds of MiB), and leave
 * the heap where it was; the log must take a good batch afterwards.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileBatchTest {

    private static final TopicPartition TP = new TopicPartition("hostile", 0);
    private static final long MIB = 1024 * 1024;
    /** What refusing one batch may allocate on the appending thread: windows and codec buffers, no inflation. */
    private static final long MAX_ALLOCATED_WHILE_REFUSING = 8 * MIB;
    private static final long MAX_HEAP_GROWTH = 4 * MIB;
    /** Bombs are built once per codec and shared by both topic kinds: building them is the slow part. */
    private static final Map<String, ByteBuffer> BOMBS = new ConcurrentHashMap<>();
    private static final CompressionType[] CODECS = {
        CompressionType.GZIP, CompressionType.SNAPPY, CompressionType.LZ4, CompressionType.ZSTD};

    @TempDir
    Path dir;

    private final MockTime time = new MockTime();
    private UnifiedLog log;

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
    }

    static Stream<Arguments> codecsAndPolicies() {
        return Stream.of(CODECS).flatMap(codec -> Stream.of(Arguments.of(codec, "delete"),
                Arguments.of(codec, "compact")));
    }

    static Stream<Arguments> allCodecsAndPolicies() {
        return Stream.concat(Stream.of(Arguments.of(CompressionType.NONE, "delete"),
                Arguments.of(CompressionType.NONE, "compact")), codecsAndPolicies());
    }

    /** Snappy cannot expand past about 21:1, so it cannot carry 64 MiB of records in a 1 MiB batch. */
    static Stream<Arguments> denseCodecsAndPolicies() {
        return codecsAndPolicies().filter(args -> args.get()[0] != CompressionType.SNAPPY);
    }

    @ParameterizedTest(name = "{0} on a {1} topic")
    @MethodSource("codecsAndPolicies")
    void aBatchOfCompressedZerosIsRefusedAtItsFirstRecord(CompressionType codec, String policy) throws IOException {
        ByteBuffer bomb = bomb(codec + "-zeros", () -> new HandBuiltBatch().codec(codec).claimRecords(1000)
                .zeroTail(zerosThatFit(codec)).build());
        assertRefused(policy, bomb, StorageError.INVALID_RECORD);
    }

    @ParameterizedTest(name = "{0} on a {1} topic")
    @MethodSource("codecsAndPolicies")
    void validRecordsFollowedByAHugeInflatedTailAreRefused(CompressionType codec, String policy) throws IOException {
        ByteBuffer bomb = bomb(codec + "-tail", () -> new HandBuiltBatch().codec(codec).record(10).record(10)
                .record(10).zeroTail(zerosThatFit(codec)).build());
        assertRefused(policy, bomb, StorageError.INVALID_RECORD);
    }

    @ParameterizedTest(name = "{0} on a {1} topic")
    @MethodSource("denseCodecsAndPolicies")
    void wellFormedRecordsThatInflatePastTheLimitAreRefused(CompressionType codec, String policy)
            throws IOException {
        // 100 records of 1,000,000 zero bytes each: every record is well formed and within max.message.bytes,
        // but together they pass 64 x max.message.bytes.
        ByteBuffer bomb = bomb(codec + "-dense", () -> {
            HandBuiltBatch batch = new HandBuiltBatch().codec(codec);
            for (int i = 0; i < 100; i++) {
                batch.record(1_000_000);
            }
            return batch.build();
        });
        assertThat(bomb.remaining()).isLessThan(LogConfig.fromMap(Map.of()).maxMessageBytes());
        assertRefused(policy, bomb, StorageError.INVALID_RECORD);
    }

    @ParameterizedTest(name = "{0} on a {1} topic")
    @MethodSource("allCodecsAndPolicies")
    void aRecordClaimingAGigabyteIsRefused(CompressionType codec, String policy) throws IOException {
        ByteBuffer batch = new HandBuiltBatch().codec(codec).record(5).recordClaimingLength(1_000_000_000).build();
        assertRefused(policy, batch, StorageError.INVALID_RECORD);
    }

    @ParameterizedTest(name = "{0} on a {1} topic")
    @MethodSource("allCodecsAndPolicies")
    void aRecordCountThatLiesEitherWayIsRefused(CompressionType codec, String policy) throws IOException {
        assertRefused(policy, new HandBuiltBatch().codec(codec).record(5).record(5).record(5).claimRecords(5)
                .build(), StorageError.INVALID_RECORD);
        assertRefused(policy, new HandBuiltBatch().codec(codec).record(5).record(5).record(5).claimRecords(2)
                .build(), StorageError.INVALID_RECORD);
        assertRefused(policy, new HandBuiltBatch().codec(codec).record(5).claimRecords(Integer.MAX_VALUE)
                .build(), StorageError.INVALID_RECORD);
    }

    @ParameterizedTest(name = "codec id {0}")
    @ValueSource(ints = {5, 6, 7})
    void aCodecIdThatNamesNoCodecGetsUnsupportedCompressionType(int id) throws IOException {
        assertRefused("delete", new HandBuiltBatch().codecId(id).record(5).build(),
                StorageError.UNSUPPORTED_COMPRESSION_TYPE);
        assertRefused("compact", new HandBuiltBatch().codecId(id).record(5).build(),
                StorageError.UNSUPPORTED_COMPRESSION_TYPE);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CompressionType.class)
    void aBadCrcGetsCorruptMessage(CompressionType codec) throws IOException {
        assertRefused("delete", new HandBuiltBatch().codec(codec).record(5).breakCrc().build(),
                StorageError.CORRUPT_MESSAGE);
    }

    @ParameterizedTest(name = "{0} topic")
    @ValueSource(strings = {"delete", "compact"})
    void aZstdFrameWhoseContentSizeLiesIsRefused(String policy) throws IOException {
        byte[] records = new HandBuiltBatch().record(20).record(20).record(20).recordsSection();
        assertRefused(policy, new HandBuiltBatch().codec(CompressionType.ZSTD).claimRecords(3)
                .rawSection(zstdClaimingContentSize(records, 1L << 40)).build(), StorageError.INVALID_RECORD);
        assertRefused(policy, new HandBuiltBatch().codec(CompressionType.ZSTD).claimRecords(3)
                .rawSection(zstdClaimingContentSize(records, records.length + 1000)).build(),
                StorageError.INVALID_RECORD);
    }

    @ParameterizedTest(name = "{0} topic")
    @ValueSource(strings = {"delete", "compact"})
    void aSnappyChunkWhoseLengthsLieIsRefused(String policy) throws IOException {
        byte[] header = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0, 0, 0, 0, 1, 0, 0, 0, 1};
        // A chunk claiming 2 GiB of compressed bytes, and one whose raw block claims 1 GiB decompressed.
        byte[] hugeChunk = ByteBuffer.allocate(24).put(header).putInt(Integer.MAX_VALUE).putInt(0).array();
        byte[] hugeBlock = ByteBuffer.allocate(26).put(header).putInt(6)
                .put(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04, 0}).array();
        assertRefused(policy, new HandBuiltBatch().codec(CompressionType.SNAPPY).claimRecords(1)
                .rawSection(hugeChunk).build(), StorageError.INVALID_RECORD);
        assertRefused(policy, new HandBuiltBatch().codec(CompressionType.SNAPPY).claimRecords(1)
                .rawSection(hugeBlock).build(), StorageError.INVALID_RECORD);
    }

    @ParameterizedTest(name = "{0} on a {1} topic")
    @MethodSource("allCodecsAndPolicies")
    void aLargeButHonestCompressedBatchIsAccepted(CompressionType codec, String policy) throws IOException {
        HandBuiltBatch batch = new HandBuiltBatch().codec(codec);
        for (int i = 0; i < 100; i++) {
            batch.record(10_000);
        }
        UnifiedLog opened = open(policy);
        assertThat(opened.appendAsLeader(batch.build(), 0).lastOffset()).isEqualTo(99);
        assertThat(opened.logEndOffset()).isEqualTo(100);
    }

    private void assertRefused(String policy, ByteBuffer batch, StorageError expected) throws IOException {
        UnifiedLog opened = open(policy);
        long endBefore = opened.logEndOffset();
        long heapBefore = usedHeapAfterGc();
        long allocatedBefore = allocatedByThisThread();
        assertThatThrownBy(() -> opened.appendAsLeader(batch.duplicate(), 0))
                .isInstanceOf(LogException.class)
                .extracting(e -> ((LogException) e).error()).isEqualTo(expected);
        long allocated = allocatedByThisThread() - allocatedBefore;
        assertThat(allocated).as("bytes allocated while refusing the batch").isLessThan(MAX_ALLOCATED_WHILE_REFUSING);
        assertThat(opened.logEndOffset()).as("end offset").isEqualTo(endBefore);
        assertThat(usedHeapAfterGc() - heapBefore).as("heap growth").isLessThan(MAX_HEAP_GROWTH);
        long next = opened.appendAsLeader(new HandBuiltBatch().record(3).build(), 0).lastOffset();
        assertThat(next).as("a good batch still lands right after").isEqualTo(endBefore);
    }

    private UnifiedLog open(String policy) throws IOException {
        if (log == null) {
            log = UnifiedLog.open(dir.resolve(TP.directoryName()), TP,
                    LogConfig.fromMap(Map.of(LogConfig.CLEANUP_POLICY, policy)), time, LogOpenOptions.CLEAN, null,
                    LogDirFailureHandler.NONE);
        }
        return log;
    }

    private static ByteBuffer bomb(String name, Supplier<ByteBuffer> build) {
        return BOMBS.computeIfAbsent(name, n -> build.get()).duplicate();
    }

    /** Zeros that still fit a 1 MiB batch once compressed: snappy expands about 21:1, lz4 255:1, the rest more. */
    private static long zerosThatFit(CompressionType codec) {
        return switch (codec) {
            case SNAPPY -> 16 * MIB;
            case LZ4 -> 200 * MIB;
            default -> 256 * MIB;
        };
    }

    /**
     * One zstd frame of {@code content} whose header is rewritten as a single-segment frame claiming
     * {@code claimed} bytes of content (an 8-byte content-size field), keeping the real blocks.
     */
    private static byte[] zstdClaimingContentSize(byte[] content, long claimed) {
        byte[] frame = Zstd.compress(content, 3);
        int descriptor = frame[4] & 0xff;
        boolean singleSegment = (descriptor & 0x20) != 0;
        int sizeFlag = descriptor >>> 6;
        int sizeBytes = switch (sizeFlag) {
            case 0 -> singleSegment ? 1 : 0;
            case 1 -> 2;
            case 2 -> 4;
            default -> 8;
        };
        int headerEnd = 5 + (singleSegment ? 0 : 1) + sizeBytes; // no dictionary id
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(frame, 0, 4);
        out.write(0xC0 | 0x20 | (descriptor & 0x04)); // 8-byte content size, single segment, same checksum flag
        out.writeBytes(ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(claimed).array());
        out.write(frame, headerEnd, frame.length - headerEnd);
        return out.toByteArray();
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
