package io.tributary.tools.console;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;

/**
 * Formats a consumed record as Kafka's console consumer does: optional {@code CreateTime:<ts>},
 * {@code Partition:<p>}, {@code Offset:<o>}, headers and key, each followed by {@code key.separator} (default tab),
 * then the value and {@code line.separator} (default newline). Null keys and values print as {@code null}.
 * Immutable.
 */
public final class RecordFormatter {

    private final boolean printTimestamp;
    private final boolean printPartition;
    private final boolean printOffset;
    private final boolean printHeaders;
    private final boolean printKey;
    private final boolean printValue;
    private final String separator;
    private final String lineSeparator;
    private final String headersSeparator;
    private final String nullLiteral;

    public RecordFormatter(Map<String, String> properties) {
        this.printTimestamp = flag(properties, "print.timestamp", false);
        this.printPartition = flag(properties, "print.partition", false);
        this.printOffset = flag(properties, "print.offset", false);
        this.printHeaders = flag(properties, "print.headers", false);
        this.printKey = flag(properties, "print.key", false);
        this.printValue = flag(properties, "print.value", true);
        this.separator = properties.getOrDefault("key.separator", "\t");
        this.lineSeparator = properties.getOrDefault("line.separator", "\n");
        this.headersSeparator = properties.getOrDefault("headers.separator", ",");
        this.nullLiteral = properties.getOrDefault("null.literal", "null");
    }

    private static boolean flag(Map<String, String> properties, String key, boolean fallback) {
        String value = properties.get(key);
        return value == null ? fallback : Boolean.parseBoolean(value.trim());
    }

    public String format(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder sb = new StringBuilder();
        if (printTimestamp) {
            sb.append(record.timestampType() == TimestampType.NO_TIMESTAMP_TYPE
                    ? "NO_TIMESTAMP" : record.timestampType() + ":" + record.timestamp());
            sb.append(separator);
        }
        if (printPartition) {
            sb.append("Partition:").append(record.partition()).append(separator);
        }
        if (printOffset) {
            sb.append("Offset:").append(record.offset()).append(separator);
        }
        if (printHeaders) {
            appendHeaders(record, sb);
            sb.append(separator);
        }
        if (printKey) {
            sb.append(text(record.key())).append(separator);
        }
        if (printValue) {
            sb.append(text(record.value()));
        }
        sb.append(lineSeparator);
        return sb.toString();
    }

    private void appendHeaders(ConsumerRecord<byte[], byte[]> record, StringBuilder sb) {
        boolean first = true;
        for (Header header : record.headers()) {
            if (!first) {
                sb.append(headersSeparator);
            }
            first = false;
            sb.append(header.key()).append(':').append(text(header.value()));
        }
        if (first) {
            sb.append("NO_HEADERS");
        }
    }

    private String text(byte[] bytes) {
        return bytes == null ? nullLiteral : new String(bytes, StandardCharsets.UTF_8);
    }
}
