package io.tributary.tools.groups;

import java.util.ArrayList;
import java.util.List;

/**
 * Left-aligned columns separated by one space, as Kafka's group tool prints them: each column as wide as its
 * longest cell (header included, at least {@code minWidth}), the last column unpadded. Not thread-safe.
 */
public final class TextTable {

    private final List<String> header;
    private final int[] minWidths;
    private final List<List<String>> rows = new ArrayList<>();

    /** {@code minWidths[i]} is the least width of column i; missing entries mean the header's width. */
    public TextTable(List<String> header, int... minWidths) {
        this.header = List.copyOf(header);
        this.minWidths = minWidths;
    }

    public TextTable add(List<String> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("row has " + row.size() + " cells, header " + header.size());
        }
        rows.add(List.copyOf(row));
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Header and rows, each line ending in a newline. */
    public String render() {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(header.get(i).length(), i < minWidths.length ? minWidths[i] : 0);
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(header, widths, sb);
        rows.forEach(row -> line(row, widths, sb));
        return sb.toString();
    }

    private static void line(List<String> cells, int[] widths, StringBuilder sb) {
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (i == cells.size() - 1) {
                sb.append(cell);
            } else {
                sb.append(cell).append(" ".repeat(widths[i] - cell.length() + 1));
            }
        }
        sb.append('\n');
    }
}
