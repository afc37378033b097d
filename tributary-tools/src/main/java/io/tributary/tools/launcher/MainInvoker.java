package io.tributary.tools.launcher;

import io.tributary.tools.ToolIo;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Calls a server's {@code public static void main(String[])} by class name. Servers keep running on their own
 * threads after main returns; the launcher then simply waits, because the JVM stays alive while they do.
 */
final class MainInvoker {

    private MainInvoker() {
    }

    /** Returns 0 if main returned normally, 1 (after one line on stderr) if the class is missing or main threw. */
    static int invoke(String className, List<String> args, ToolIo io) {
        Method main;
        try {
            main = Class.forName(className).getMethod("main", String[].class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            io.err().println("Error: " + className + ".main(String[]) is not on the classpath; rebuild with "
                    + "'mvn -DskipTests package -pl tributary-tools -am'");
            return 1;
        }
        try {
            main.invoke(null, (Object) args.toArray(new String[0]));
            return 0;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            io.err().println("Error: " + className + " failed: " + cause);
            return 1;
        } catch (IllegalAccessException e) {
            io.err().println("Error: cannot call " + className + ".main: " + e.getMessage());
            return 1;
        }
    }
}
