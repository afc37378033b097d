package io.tributary.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.storage.checkpoint.PartitionMetadataFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class PartitionMetadataFileTest {

    @TempDir
    Path dir;

    @Test
    void writesKafkasTwoLineFormatAndReadsItBack() throws IOException {
        UUID id = UUID.fromString("1f0e5a2c-3b4d-4e6f-8a9b-0c1d2e3f4a5b");
        PartitionMetadataFile file = new PartitionMetadataFile(dir);
        file.write(id);

        String encoded = PartitionMetadataFile.encode(id);
        assertThat(encoded).hasSize(22).doesNotContain("=", "+", "/");
        assertThat(Files.readString(dir.resolve("partition.metadata"), StandardCharsets.UTF_8))
                .isEqualTo("version: 0\ntopic_id: " + encoded + "\n");
        assertThat(file.read()).contains(id);
        assertThat(dir.resolve("partition.metadata.tmp")).doesNotExist();
    }

    @Test
    void readsAFileWrittenByKafka() throws IOException {
        // Kafka's Uuid.toString() of the UUID below, as kafka-storage writes it.
        Files.writeString(dir.resolve("partition.metadata"), "version: 0\ntopic_id: AAAAAAAAAAEAAAAAAAAAAg\n");
        assertThat(new PartitionMetadataFile(dir).read()).contains(new UUID(1, 2));
    }

    @Test
    void aMissingFileIsNoIdAndAMalformedOneIsAnError() throws IOException {
        PartitionMetadataFile file = new PartitionMetadataFile(dir);
        assertThat(file.read()).isEmpty();
        Files.writeString(dir.resolve("partition.metadata"), "version: 1\ntopic_id: AAAAAAAAAAEAAAAAAAAAAg\n");
        assertThatThrownBy(file::read).isInstanceOf(IOException.class).hasMessageContaining("Malformed");
        Files.writeString(dir.resolve("partition.metadata"), "version: 0\ntopic_id: short\n");
        assertThatThrownBy(file::read).isInstanceOf(IOException.class).hasMessageContaining("topic id");
    }
}
