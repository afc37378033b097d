package io.tributary.tools.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RecordFormatterTest {

    private static ConsumerRecord<byte[], byte[]> record(String key, String value) {
        return new ConsumerRecord<>("test", 2, 41L, 1700000000000L, TimestampType.CREATE_TIME, -1, -1,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), new RecordHeaders(), Optional.empty());
    }

    @Test
    void printsOnlyTheValueByDefault() {
        assertThat(new RecordFormatter(Map.of()).format(record("k", "hello"))).isEqualTo("hello\n");
    }

    @Test
    void printsTimestampPartitionOffsetAndKeyInKafkasOrder() {
        RecordFormatter f = new RecordFormatter(Map.of("print.key", "true", "print.partition", "true",
                "print.offset", "true", "print.timestamp", "true"));
        assertThat(f.format(record("k", "v"))).isEqualTo("CreateTime:1700000000000\tPartition:2\tOffset:41\tk\tv\n");
    }

    @Test
    void usesTheKeySeparatorAndPrintsNullsAsNull() {
        RecordFormatter f = new RecordFormatter(Map.of("print.key", "true", "key.separator", " => "));
        assertThat(f.format(record(null, null))).isEqualTo("null => null\n");
    }
}
