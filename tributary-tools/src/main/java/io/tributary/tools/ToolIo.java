package io.tributary.tools;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The three standard streams a tool talks through. Passed in rather than taken from {@link System} so tests can run
 * a tool in-process and read exactly what a user would see.
 */
public record ToolIo(InputStream in, PrintStream out, PrintStream err) {

    public static ToolIo system() {
        return new ToolIo(System.in, System.out, System.err);
    }
}
