package io.tributary.tools.perf;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;

/** Kafka's consumer-perf-test header and result line. Stateless. */
public final class ConsumerPerfReport {

    public static final String HEADER = "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, "
            + "nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec";

    private ConsumerPerfReport() {
    }

    public static String line(long startMs, long endMs, long bytes, long messages, long rebalanceMs) {
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss:SSS");
        double mb = bytes / (1024.0 * 1024.0);
        double elapsedSec = Math.max(1, endMs - startMs) / 1000.0;
        long fetchMs = Math.max(0, endMs - startMs - rebalanceMs);
        double fetchSec = Math.max(1, fetchMs) / 1000.0;
        return String.format(Locale.ROOT, "%s, %s, %.4f, %.4f, %d, %.4f, %d, %d, %.4f, %.4f",
                format.format(new Date(startMs)), format.format(new Date(endMs)), mb, mb / elapsedSec, messages,
                messages / elapsedSec, rebalanceMs, fetchMs, mb / fetchSec, messages / fetchSec);
    }
}
