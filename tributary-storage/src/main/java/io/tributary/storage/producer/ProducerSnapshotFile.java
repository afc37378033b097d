package io.tributary.storage.producer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads and writes a producer state snapshot, {@code <20-digit offset>.snapshot}: the state of every
 * producer after all batches below that offset. Our own binary format, big-endian:
 *
 * <pre>
 * int16 version (2; version 1 lacks the two transaction fields)
 * int32 crc        CRC-32C of every byte after this field
 * int32 producerCount
 * producerCount x {
 *   int64 producerId, int16 epoch, int64 lastTimestamp,
 *   int64 currentTxnFirstOffset (-1: none open), int32 coordinatorEpoch, int32 batchCount,
 *   batchCount x { int32 firstSeq, int32 lastSeq, int64 firstOffset, int64 lastOffset }  (oldest first)
 * }
 * </pre>
 * Written to a temp file and renamed, so a reader never sees a half-written snapshot under the final
 * name. With {@code sync} the temp file is fsynced before the rename; without it the caller fsyncs later
 * ({@link #sync}), and a crash in between can leave a torn file that fails its CRC. Stateless.
 */
final class ProducerSnapshotFile {

    static final String SUFFIX = ".snapshot";
    private static final short VERSION = 2;
    private static final short VERSION_WITHOUT_TXN = 1;

    private ProducerSnapshotFile() {
    }

    static Path path(Path dir, long offset) {
        return dir.resolve(String.format("%020d", offset) + SUFFIX);
    }

    /** The offsets of every snapshot in {@code dir}, ascending. */
    static List<Long> list(Path dir) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(SUFFIX) && name.length() == 20 + SUFFIX.length()) {
                    try {
                        offsets.add(Long.parseLong(name.substring(0, 20)));
                    } catch (NumberFormatException ignored) {
                        // not one of ours
                    }
                }
            }
        }
        offsets.sort(null);
        return offsets;
    }

    static void write(Path file, Collection<ProducerStateEntry> producers, boolean sync) throws IOException {
        int size = 4;
        for (ProducerStateEntry entry : producers) {
            size += 8 + 2 + 8 + 8 + 4 + 4 + entry.batches().size() * 24;
        }
        ByteBuffer body = ByteBuffer.allocate(size);
        body.putInt(producers.size());
        for (ProducerStateEntry entry : producers) {
            body.putLong(entry.producerId()).putShort(entry.epoch()).putLong(entry.lastTimestamp())
                    .putLong(entry.currentTxnFirstOffset()).putInt(entry.coordinatorEpoch());
            List<BatchMetadata> batches = entry.batches();
            body.putInt(batches.size());
            for (BatchMetadata b : batches) {
                body.putInt(b.firstSeq()).putInt(b.lastSeq()).putLong(b.firstOffset()).putLong(b.lastOffset());
            }
        }
        body.flip();
        CRC32C crc = new CRC32C();
        crc.update(body.duplicate());
        ByteBuffer header = ByteBuffer.allocate(6).putShort(VERSION).putInt((int) crc.getValue()).flip();
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (body.hasRemaining()) {
                channel.write(new ByteBuffer[] {header, body});
            }
            if (sync) {
                channel.force(true);
            }
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Fsyncs a snapshot written without {@code sync}; nothing to do when it has been deleted since. */
    static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (java.nio.file.NoSuchFileException e) {
            // removed by retention or truncation: nothing left to make durable
        }
    }

    /** The producers in {@code file}; throws when the file is truncated, of another version or corrupt. */
    static List<ProducerStateEntry> read(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file));
        try {
            short version = buffer.getShort();
            if (version != VERSION && version != VERSION_WITHOUT_TXN) {
                throw new IOException("Snapshot " + file + " has unknown version " + version);
            }
            int storedCrc = buffer.getInt();
            CRC32C crc = new CRC32C();
            crc.update(buffer.duplicate());
            if ((int) crc.getValue() != storedCrc) {
                throw new IOException("Snapshot " + file + " fails its CRC");
            }
            int count = buffer.getInt();
            List<ProducerStateEntry> producers = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ProducerStateEntry entry = new ProducerStateEntry(buffer.getLong(), buffer.getShort(),
                        buffer.getLong());
                if (version >= VERSION) {
                    entry.restoreTxn(buffer.getLong(), buffer.getInt());
                }
                int batches = buffer.getInt();
                for (int b = 0; b < batches; b++) {
                    entry.restore(new BatchMetadata(buffer.getInt(), buffer.getInt(), buffer.getLong(),
                            buffer.getLong()));
                }
                producers.add(entry);
            }
            return producers;
        } catch (java.nio.BufferUnderflowException e) {
            throw new IOException("Snapshot " + file + " is truncated", e);
        }
    }
}
