package io.tributary.broker.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.compress.CompressionType;
import io.tributary.protocol.record.Header;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.protocol.record.RecordBatches;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The message browser: /v1/topics/{topic}/messages reads one partition with ListOffsets and Fetch requests to its
 * leader, as a consumer would, newest first, from an offset or a timestamp; with {@code search} it scans forward
 * for records whose key, value or header contains the text (or matches the regex), bounded by
 * admin.browse.max.scan.bytes and admin.browse.max.scan.ms and saying where and why it stopped. POST produces one
 * record with a Produce request (acks=all). Stateless.
 */
final class MessagesApi {

    private static final int FETCH_BYTES = 1024 * 1024;
    private static final int MAX_LIMIT = 500;
    private static final long LATEST = -1L;
    private static final long EARLIEST = -2L;

    private final KafkaCalls kafka;
    private final long maxScanBytes;
    private final long maxScanMs;
    private final Time time;

    MessagesApi(KafkaCalls kafka, long maxScanBytes, long maxScanMs, Time time) {
        this.kafka = kafka;
        this.maxScanBytes = maxScanBytes;
        this.maxScanMs = maxScanMs;
        this.time = time;
    }

    AdminRoutes addTo(AdminRoutes routes) {
        return routes.add("GET", "/v1/topics/{topic}/messages", this::browse)
                .add("POST", "/v1/topics/{topic}/messages", this::produce);
    }

    private HttpReply browse(AdminRequest request) throws Exception {
        String topic = request.path("topic");
        int partition = request.intParam("partition", 0, 0, Integer.MAX_VALUE);
        int limit = request.intParam("limit", 20, 1, MAX_LIMIT);
        TopicPartition tp = new TopicPartition(topic, partition);
        int leader = kafka.leaderOf(tp);
        long earliest = listOffset(leader, tp, EARLIEST);
        long latest = listOffset(leader, tp, LATEST);
        String search = request.param("search");
        Matcher matcher = search == null || search.isEmpty() ? null
                : matcher(search, request.boolParam("regex", false), request.param("search_in", "key,value,headers"));
        long start;
        if (request.param("offset") != null && !request.param("offset").isEmpty()) {
            start = request.longParam("offset", 0);
            if (start < earliest || start > latest) {
                throw new BadRequestException("offset", "offset " + start + " is outside the log of " + tp + " ["
                        + earliest + ", " + latest + "]");
            }
        } else if (request.param("timestamp") != null && !request.param("timestamp").isEmpty()) {
            long timestamp = request.longParam("timestamp", 0);
            if (timestamp < 0) {
                throw new BadRequestException("timestamp", "timestamp must be milliseconds since the epoch, got " + timestamp);
            }
            start = listOffset(leader, tp, timestamp);
            if (start < 0) {
                start = latest;
            }
        } else {
            start = matcher == null ? Math.max(earliest, latest - limit) : earliest;
        }
        Scan scan = scan(leader, tp, start, latest, limit, matcher);
        scan.records.sort(Comparator.comparingLong((Map<String, Object> r) -> (Long) r.get("offset")).reversed());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topic", topic);
        body.put("partition", partition);
        body.put("log_start_offset", earliest);
        body.put("high_watermark", latest);
        body.put("messages", scan.records);
        Map<String, Object> bounds = new LinkedHashMap<>();
        bounds.put("from_offset", start);
        bounds.put("next_offset", scan.next);
        bounds.put("bytes_scanned", scan.bytes);
        bounds.put("stopped_because", scan.stoppedBecause);
        body.put("scan", bounds);
        return HttpReply.ok(body);
    }

    /** What a scan found and where it stopped. */
    private static final class Scan {
        final List<Map<String, Object>> records = new ArrayList<>();
        long next;
        long bytes;
        String stoppedBecause = "end_of_log";
    }

    private Scan scan(int leader, TopicPartition tp, long start, long end, int limit, Matcher matcher)
            throws Exception {
        Scan scan = new Scan();
        scan.next = start;
        long deadline = time.milliseconds() + maxScanMs;
        while (scan.next < end) {
            if (scan.bytes >= maxScanBytes) {
                scan.stoppedBecause = "max_scan_bytes";
                break;
            }
            if (time.milliseconds() >= deadline) {
                scan.stoppedBecause = "max_scan_ms";
                break;
            }
            ByteBuffer records = fetch(leader, tp, scan.next);
            if (records == null || !records.hasRemaining()) {
                break;
            }
            scan.bytes += records.remaining();
            long before = scan.next;
            for (RecordBatch batch : RecordBatches.of(records)) {
                if (batch.isControl()) {
                    scan.next = Math.max(scan.next, batch.lastOffset() + 1);
                    continue;
                }
                for (Record record : batch.records()) {
                    if (record.offset() < scan.next || record.offset() >= end) {
                        continue;
                    }
                    scan.next = record.offset() + 1;
                    if (matcher == null || matcher.matches(record)) {
                        scan.records.add(render(record));
                        if (scan.records.size() >= limit) {
                            scan.stoppedBecause = "limit";
                            return scan;
                        }
                    }
                }
                scan.next = Math.max(scan.next, batch.lastOffset() + 1);
            }
            if (scan.next == before) {
                break;
            }
        }
        return scan;
    }

    private ByteBuffer fetch(int leader, TopicPartition tp, long offset) throws Exception {
        Struct request = MessageCodec.newRequest(ApiKey.FETCH).set("replica_id", -1).set("max_wait_ms", 0)
                .set("min_bytes", 0).set("max_bytes", FETCH_BYTES).set("isolation_level", (byte) 0)
                .set("session_id", 0).set("session_epoch", -1).set("rack_id", "");
        request.addChild("topics").set("topic", tp.topic()).addChild("partitions").set("partition", tp.partition())
                .set("current_leader_epoch", -1).set("fetch_offset", offset).set("last_fetched_epoch", -1)
                .set("log_start_offset", -1L).set("partition_max_bytes", FETCH_BYTES);
        Struct response = kafka.call(leader, ApiKey.FETCH, 11, request);
        KafkaCalls.check(response.getShort("error_code"), null, "partition");
        for (Struct topic : response.getStructs("responses")) {
            for (Struct partition : topic.getStructs("partitions")) {
                KafkaCalls.check(partition.getShort("error_code"), null, "offset");
                return partition.getBytes("records");
            }
        }
        return null;
    }

    private long listOffset(int leader, TopicPartition tp, long timestamp) throws Exception {
        Struct request = MessageCodec.newRequest(ApiKey.LIST_OFFSETS).set("replica_id", -1)
                .set("isolation_level", (byte) 0);
        request.addChild("topics").set("name", tp.topic()).addChild("partitions").set("partition_index", tp.partition())
                .set("current_leader_epoch", -1).set("timestamp", timestamp);
        Struct response = kafka.call(leader, ApiKey.LIST_OFFSETS, 4, request);
        for (Struct topic : response.getStructs("topics")) {
            for (Struct partition : topic.getStructs("partitions")) {
                KafkaCalls.check(partition.getShort("error_code"), null, "partition");
                return partition.getLong("offset");
            }
        }
        throw new BadRequestException(503, "partition", "no ListOffsets answer for " + tp);
    }

    private HttpReply produce(AdminRequest request) throws Exception {
        String topic = request.path("topic");
        JsonNode body = request.json();
        int partition = TopicsApi.integer(body, "partition", 0);
        TopicPartition tp = new TopicPartition(topic, partition);
        int leader = kafka.leaderOf(tp);
        List<Header> headers = new ArrayList<>();
        JsonNode given = body.get("headers");
        if (given != null && given.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                headers.add(new Header(h.getKey(), h.getValue().asText().getBytes(StandardCharsets.UTF_8)));
            }
        }
        ByteBuffer batch = new RecordBatchBuilder(CompressionType.NONE)
                .append(time.milliseconds(), bytes(body, "key"), bytes(body, "value"), headers.toArray(new Header[0]))
                .build();
        Struct produce = MessageCodec.newRequest(ApiKey.PRODUCE).set("transactional_id", null).set("acks", (short) -1)
                .set("timeout_ms", 15_000);
        produce.addChild("topic_data").set("name", topic).addChild("partition_data").set("index", partition)
                .set("records", batch);
        Struct response = kafka.call(leader, ApiKey.PRODUCE, 8, produce);
        for (Struct t : response.getStructs("responses")) {
            for (Struct p : t.getStructs("partition_responses")) {
                KafkaCalls.check(p.getShort("error_code"), p.getString("error_message"), "partition");
                return HttpReply.json(201, Map.of("topic", topic, "partition", partition,
                        "offset", p.getLong("base_offset")));
            }
        }
        throw new BadRequestException(503, "partition", "no Produce answer for " + tp);
    }

    private static byte[] bytes(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node.asText().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> render(Record record) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("offset", record.offset());
        row.put("timestamp", record.timestamp());
        row.put("key", record.hasKey() ? new String(record.keyBytes(), StandardCharsets.UTF_8) : null);
        row.put("key_base64", record.hasKey() ? Base64.getEncoder().encodeToString(record.keyBytes()) : null);
        row.put("value", record.hasValue() ? new String(record.valueBytes(), StandardCharsets.UTF_8) : null);
        row.put("value_base64", record.hasValue() ? Base64.getEncoder().encodeToString(record.valueBytes()) : null);
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        row.put("headers", headers);
        return row;
    }

    /** Which records a search keeps. */
    private interface Matcher {
        boolean matches(Record record);
    }

    private static Matcher matcher(String search, boolean regex, String searchIn) {
        Pattern pattern;
        try {
            pattern = regex ? Pattern.compile(search) : Pattern.compile(Pattern.quote(search));
        } catch (PatternSyntaxException e) {
            throw new BadRequestException("search", "search is not a valid regular expression: " + e.getDescription());
        }
        List<String> where = List.of(searchIn.toLowerCase(Locale.ROOT).split(","));
        for (String w : where) {
            if (!List.of("key", "value", "headers").contains(w.trim())) {
                throw new BadRequestException("search_in", "search_in takes key, value and headers, got '" + w + "'");
            }
        }
        boolean key = where.contains("key");
        boolean value = where.contains("value");
        boolean headers = where.contains("headers");
        return record -> key && record.hasKey() && pattern.matcher(utf8(record.keyBytes())).find()
                || value && record.hasValue() && pattern.matcher(utf8(record.valueBytes())).find()
                || headers && record.headers().stream().anyMatch(h -> pattern.matcher(h.key()).find()
                        || h.value() != null && pattern.matcher(utf8(h.value())).find());
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
