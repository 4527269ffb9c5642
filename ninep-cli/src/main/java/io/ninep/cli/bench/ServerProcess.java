package io.ninep.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The servers under test in a JVM of their own ({@link BenchServer#main}), started from this
 * JVM's class path and driven over its standard input and output. A separate JVM is how ninep's
 * server runs in life: the client and the server do not share a heap, a garbage collector or
 * JIT profiles, and the heap each allocates can be counted apart.
 */
final class ServerProcess implements ServerUnderTest {
    private final Process process;
    private final BufferedReader replies;
    private final Writer commands;
    private final Path log;
    private final Map<String, String> addresses;

    private ServerProcess(Process process, BufferedReader replies, Writer commands, Path log, Map<String, String> addresses) {
        this.process = process;
        this.replies = replies;
        this.commands = commands;
        this.log = log;
        this.addresses = addresses;
    }

    /** The command line of the child: this JVM's java, the JVM options, this class path. */
    static List<String> command(BenchServer.Config c, List<String> jvmOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED");   // Twrite payloads spliced into files
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(BenchServer.class.getName());
        cmd.add(c.export().toString());
        cmd.add(c.socketDir().toString());
        cmd.add(Integer.toString(c.maxMsize()));
        cmd.add(Long.toString(c.fileSize()));
        cmd.add(Integer.toString(c.dirEntries()));
        cmd.add(Long.toString(c.busyPoll().toNanos()));
        return cmd;
    }

    /**
     * Starts the server JVM; with {@code cpu}, launched on that CPU alone ({@code taskset -c}), so
     * that it sizes its carrier and GC threads for the one CPU it has.
     */
    static ServerProcess start(BenchServer.Config c, List<String> jvmOptions, Integer cpu, Path log) throws IOException {
        List<String> command = command(c, jvmOptions);
        Process p = new ProcessBuilder(cpu == null ? command : CpuAffinity.launchedOn(cpu, command))
                .redirectError(log.toFile()).start();
        var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        var out = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
        String ready = in.readLine();
        while (ready != null && !ready.startsWith("ready ")) {   // the JVM's own words (JFR says it started)
            ready = in.readLine();
        }
        if (ready == null) {
            p.destroyForcibly();
            throw new IOException("the bench server did not start (" + ready + "): " + tail(log));
        }
        Map<String, String> addresses = new LinkedHashMap<>();
        for (String pair : ready.substring("ready ".length()).split(" ")) {
            int eq = pair.indexOf('=');
            addresses.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return new ServerProcess(p, in, out, log, addresses);
    }

    /** The process id, for a profiler to attach to. */
    long pid() {
        return process.pid();
    }

    private synchronized String ask(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
        String reply = replies.readLine();
        while (reply != null && !reply.startsWith("ok") && !reply.startsWith("error")) {
            reply = replies.readLine();   // not an answer: something the JVM printed
        }
        if (reply == null) {
            throw new IOException("the bench server exited (status " + (process.isAlive() ? "?" : process.exitValue())
                    + "): " + tail(log));
        }
        if (!reply.startsWith("ok")) {
            throw new IOException("the bench server answered '" + reply + "' to " + command);
        }
        return reply.substring(2).trim();
    }

    @Override
    public Map<String, String> addresses() {
        return Map.copyOf(addresses);
    }

    @Override
    public ServerStats stats() throws IOException {
        return ServerStats.decode(ask("stats"));
    }

    @Override
    public void gc() throws IOException {
        ask("gc");
    }

    @Override
    public boolean inProcess() {
        return false;
    }

    @Override
    public void close() throws IOException {
        try {
            if (process.isAlive()) {
                ask("quit");
            }
        } catch (IOException e) {
            // it is going anyway
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
