package io.tributary.tools.zkshell;

import io.tributary.tools.zk.ZkSession;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.apache.zookeeper.data.Stat;

/**
 * The read commands of ZooKeeper's own shell (zkCli.sh), printed the way ZooKeeper 3.5 prints them: {@code ls
 * [-s] [-R] path} as {@code [a, b]} sorted, {@code get [-s] path} as the node's data, {@code stat path} as the
 * node's {@code cZxid = ...} lines. A missing node prints {@code Node does not exist: path} on stderr. Not
 * thread-safe; one shell run owns it.
 */
final class ZnodeCommands {

    static final String HELP = String.join("\n",
            "ZooKeeper -server host:port cmd args",
            "\tls [-s] [-R] path",
            "\tget [-s] path",
            "\tstat path",
            "\thelp",
            "\tquit");

    private final ZkSession zk;
    private final PrintStream out;
    private final PrintStream err;

    ZnodeCommands(ZkSession zk, PrintStream out, PrintStream err) {
        this.zk = zk;
        this.out = out;
        this.err = err;
    }

    /** Runs one command line (already split into words); returns false when it failed. */
    boolean run(List<String> words) {
        if (words.isEmpty()) {
            return true;
        }
        String command = words.get(0);
        List<String> flags = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        for (String word : words.subList(1, words.size())) {
            (word.startsWith("-") ? flags : operands).add(word);
        }
        switch (command) {
            case "ls", "ls2" -> {
                return withPath(command, operands, path -> ls(path, flags.contains("-s") || command.equals("ls2"),
                        flags.contains("-R")));
            }
            case "get" -> {
                return withPath(command, operands, path -> get(path, flags.contains("-s")));
            }
            case "stat" -> {
                return withPath(command, operands, this::stat);
            }
            case "help" -> {
                out.println(HELP);
                return true;
            }
            default -> {
                err.println("Command not found: Command not found " + command);
                out.println(HELP);
                return false;
            }
        }
    }

    private interface PathCommand {
        boolean run(String path);
    }

    private boolean withPath(String command, List<String> operands, PathCommand body) {
        // ZooKeeper 3.4's shells took a trailing "watch" word (ls /path watch); it changes nothing here.
        if (operands.isEmpty() || !operands.get(0).startsWith("/")) {
            err.println(command + " requires a path starting with / (see help)");
            return false;
        }
        return body.run(operands.get(0));
    }

    private boolean ls(String path, boolean withStat, boolean recursive) {
        Optional<Stat> stat = zk.stat(path);
        if (stat.isEmpty()) {
            return missing(path);
        }
        if (recursive) {
            printTree(path);
        } else {
            out.println("[" + String.join(", ", zk.children(path)) + "]");
        }
        if (withStat) {
            printStat(stat.get());
        }
        return true;
    }

    private void printTree(String path) {
        out.println(path);
        for (String child : zk.children(path)) {
            printTree(path.equals("/") ? "/" + child : path + "/" + child);
        }
    }

    private boolean get(String path, boolean withStat) {
        Optional<String> data = zk.getData(path);
        if (data.isEmpty()) {
            return missing(path);
        }
        out.println(data.get().isEmpty() ? "null" : data.get());
        if (withStat) {
            zk.stat(path).ifPresent(this::printStat);
        }
        return true;
    }

    private boolean stat(String path) {
        Optional<Stat> stat = zk.stat(path);
        if (stat.isEmpty()) {
            return missing(path);
        }
        printStat(stat.get());
        return true;
    }

    private boolean missing(String path) {
        err.println("Node does not exist: " + path);
        return false;
    }

    private void printStat(Stat stat) {
        out.println("cZxid = 0x" + Long.toHexString(stat.getCzxid()));
        out.println("ctime = " + new Date(stat.getCtime()));
        out.println("mZxid = 0x" + Long.toHexString(stat.getMzxid()));
        out.println("mtime = " + new Date(stat.getMtime()));
        out.println("pZxid = 0x" + Long.toHexString(stat.getPzxid()));
        out.println("cversion = " + stat.getCversion());
        out.println("dataVersion = " + stat.getVersion());
        out.println("aclVersion = " + stat.getAversion());
        out.println("ephemeralOwner = 0x" + Long.toHexString(stat.getEphemeralOwner()));
        out.println("dataLength = " + stat.getDataLength());
        out.println("numChildren = " + stat.getNumChildren());
    }
}
