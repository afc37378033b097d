package io.tributary.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tributary.common.MockTime;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.compress.CompressionType;
import io.tributary.storage.config.LogConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded fuzzer over the leader's batch validation: well-formed batches in every codec, mutated inside the
 * records (before compression, so the walk sees the damage, or after it, so the codec does) and in the header
 * fields a producer controls, always with a correct CRC so validation gets past it. Every batch must be
 * appended or refused with one of the producer-facing errors; refusing must allocate little (no buffer sized
 * from a field the producer wrote); and a batch we accept must be one kafka-clients reads back as exactly its
 * declared number of intact records, so the in-place walk accepts nothing a real consumer would choke on.
 *
 * <p>Runs for {@code -Dtributary.fuzz.seconds} (20 by default, halved here) from {@code -Dtributary.fuzz.seed}.
 */
class BatchValidationFuzzTest {

    private static final Set<StorageError> REFUSALS = EnumSet.of(StorageError.INVALID_RECORD,
            StorageError.CORRUPT_MESSAGE, StorageError.UNSUPPORTED_COMPRESSION_TYPE, StorageError.MESSAGE_TOO_LARGE,
            StorageError.INVALID_TIMESTAMP);
    private static final CompressionType[] CODECS = CompressionType.values();
    private static final long MAX_ALLOCATED = 16L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void mutatedBatchesAreAppendedIntactOrRefusedWithAProducerError() {
        long seconds = Math.max(1, Long.getLong("tributary.fuzz.seconds", 20L) / 2);
        assertTimeoutPreemptively(Duration.ofSeconds(seconds + 60), () -> fuzz(seconds));
    }

    private void fuzz(long seconds) throws IOException {
        long seed = Long.getLong("tributary.fuzz.seed", 20261204L);
        Random random = new Random(seed);
        UnifiedLog log = UnifiedLog.open(dir.resolve("fuzz-0"), new TopicPartition("fuzz", 0),
                LogConfig.fromMap(Map.of(LogConfig.CLEANUP_POLICY, "compact")), new MockTime(),
                LogOpenOptions.CLEAN, null, LogDirFailureHandler.NONE);
        List<String> broken = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long inputs = 0;
        long accepted = 0;
        try {
            while (System.nanoTime() < deadline && broken.size() < 10) {
                ByteBuffer batch = hostileBatch(random);
                String label = "seed " + seed + " input " + inputs;
                long before = allocated();
                long endBefore = log.logEndOffset();
                try {
                    log.appendAsLeader(batch.duplicate(), 0);
                    String problem = kafkaClientsProblem(batch, log.logEndOffset() - endBefore);
                    if (problem != null) {
                        broken.add(label + ": accepted, but " + problem + ": " + hex(batch));
                    }
                    if (++accepted % 2000 == 0) {
                        log.truncateFullyAndStartAt(0); // keep the fuzzer's disk use small
                    }
                } catch (LogException e) {
                    long used = allocated() - before;
                    if (!REFUSALS.contains(e.error())) {
                        broken.add(label + ": refused with " + e.error() + ": " + hex(batch));
                    } else if (used > MAX_ALLOCATED) {
                        broken.add(label + ": refusing allocated " + used + " bytes: " + hex(batch));
                    } else if (log.logEndOffset() != endBefore) {
                        broken.add(label + ": refused but the end offset moved: " + hex(batch));
                    }
                } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                    broken.add(label + ": " + e + ": " + hex(batch));
                }
                inputs++;
            }
        } finally {
            log.close();
        }
        System.out.printf("Batch fuzzer: %,d batches from seed %d, %,d accepted, %d findings%n", inputs, seed,
                accepted, broken.size());
        assertThat(broken).as("batches that broke validation's contract").isEmpty();
        assertThat(inputs).isGreaterThan(1000);
        assertThat(accepted).as("some mutations are harmless and must be accepted").isPositive();
    }

    private static ByteBuffer hostileBatch(Random random) throws IOException {
        CompressionType codec = CODECS[random.nextInt(CODECS.length)];
        HandBuiltBatch records = new HandBuiltBatch();
        int count = 1 + random.nextInt(12);
        for (int i = 0; i < count; i++) {
            records.record(random.nextInt(4) == 0 ? random.nextInt(3000) : random.nextInt(40));
        }
        byte[] section = records.recordsSection();
        int claimed = count;
        switch (random.nextInt(5)) {
            case 0, 1 -> mutate(section, random);
            case 2 -> claimed = random.nextInt(4) == 0 ? random.nextInt() : count + random.nextInt(5) - 2;
            default -> {
            }
        }
        byte[] compressed = compress(codec, section);
        if (codec != CompressionType.NONE && random.nextInt(3) == 0) {
            mutate(compressed, random);
        }
        HandBuiltBatch batch = new HandBuiltBatch().codec(codec).rawSection(compressed).claimRecords(claimed);
        if (random.nextInt(20) == 0) {
            batch.codecId(5 + random.nextInt(3));
        }
        return batch.build();
    }

    private static void mutate(byte[] bytes, Random random) {
        if (bytes.length == 0) {
            return;
        }
        int times = 1 + random.nextInt(3);
        for (int t = 0; t < times; t++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(3)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[at] = (byte) random.nextInt();
                default -> bytes[at] = (byte) (random.nextBoolean() ? 0x7f : 0xff); // long varints, huge lengths
            }
        }
    }

    private static byte[] compress(CompressionType codec, byte[] section) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream compressing = codec.wrapForOutput(out)) {
            compressing.write(section);
        }
        return out.toByteArray();
    }

    /** Why kafka-clients would not read {@code batch} as {@code appended} intact records, or null if it would. */
    private static String kafkaClientsProblem(ByteBuffer batch, long appended) {
        try {
            List<RecordBatch> batches = new ArrayList<>();
            MemoryRecords.readableRecords(batch.duplicate()).batches().forEach(batches::add);
            if (batches.size() != 1) {
                return "kafka-clients sees " + batches.size() + " batches";
            }
            RecordBatch only = batches.get(0);
            only.ensureValid();
            long read = 0;
            for (Record record : only) {
                record.ensureValid();
                read++;
            }
            return read == appended && read == only.countOrNull() ? null
                    : "kafka-clients reads " + read + " records of " + only.countOrNull() + ", we appended " + appended;
        } catch (RuntimeException e) {
            return "kafka-clients fails: " + e;
        }
    }

    private static String hex(ByteBuffer batch) {
        ByteBuffer copy = batch.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
