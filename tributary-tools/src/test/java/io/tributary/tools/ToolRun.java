package io.tributary.tools;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs one {@code tributary} command line in-process and keeps what it printed, for assertions. */
public record ToolRun(int exitCode, String out, String err, long millis) {

    public static ToolRun withInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ToolIo io = new ToolIo(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        long start = System.nanoTime();
        int code = TributaryCommand.run(args, io);
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new ToolRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), millis);
    }

    public static ToolRun run(String... args) {
        return withInput("", args);
    }

    public List<String> errLines() {
        return err.lines().toList();
    }

    public List<String> outLines() {
        return out.lines().toList();
    }
}
