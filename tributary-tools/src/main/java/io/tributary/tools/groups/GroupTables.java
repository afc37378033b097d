package io.tributary.tools.groups;

import java.util.List;

/**
 * The tables {@code consumer-groups} prints, in Kafka's column order and names. Each starts with an empty line,
 * as Kafka's do. Stateless.
 */
public final class GroupTables {

    private static final int MIN = 15;

    private GroupTables() {
    }

    public static String offsets(List<PartitionOffsetRow> rows) {
        TextTable table = new TextTable(List.of("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET",
                "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"), MIN, MIN, 10, MIN, MIN, MIN, MIN, MIN);
        rows.forEach(r -> table.add(r.cells()));
        return "\n" + table.render();
    }

    /** A member as {@code --describe --members} shows it; {@code assignment} is printed only when verbose. */
    public record MemberRow(String group, String consumerId, String host, String clientId, int partitions,
                            String assignment) {
    }

    public static String members(List<MemberRow> rows, boolean verbose) {
        List<String> header = verbose
                ? List.of("GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS", "ASSIGNMENT")
                : List.of("GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS");
        TextTable table = new TextTable(header, MIN, MIN, MIN, MIN, 11);
        for (MemberRow r : rows) {
            List<String> cells = List.of(r.group(), r.consumerId(), r.host(), r.clientId(),
                    String.valueOf(r.partitions()));
            if (verbose) {
                cells = new java.util.ArrayList<>(cells);
                cells.add(r.assignment().isEmpty() ? "-" : r.assignment());
            }
            table.add(cells);
        }
        return "\n" + table.render();
    }

    /** The group's summary as {@code --describe --state} shows it. */
    public record StateRow(String group, String coordinator, String assignmentStrategy, String state, int members) {
    }

    public static String state(StateRow row) {
        TextTable table = new TextTable(List.of("GROUP", "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE",
                "#MEMBERS"), MIN, 25, 20, 20);
        table.add(List.of(row.group(), row.coordinator(), PartitionOffsetRow.dash(emptyToNull(row.assignmentStrategy())),
                row.state(), String.valueOf(row.members())));
        return "\n" + table.render();
    }

    /** The plan or result of {@code --reset-offsets}. */
    public record ResetRow(String group, String topic, int partition, long newOffset) {
    }

    public static String reset(List<ResetRow> rows) {
        TextTable table = new TextTable(List.of("GROUP", "TOPIC", "PARTITION", "NEW-OFFSET"), MIN, MIN, 10);
        rows.forEach(r -> table.add(List.of(r.group(), r.topic(), String.valueOf(r.partition()),
                String.valueOf(r.newOffset()))));
        return "\n" + table.render();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
