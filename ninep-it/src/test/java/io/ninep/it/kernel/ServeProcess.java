package io.ninep.it.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ninep serve} as a child process, the way a user runs it: the same JDK and class path as
 * this test, a free port on 127.0.0.1, its standard output and error in a log file. It is
 * stopped with SIGTERM, which must make it finish cleanly.
 */
final class ServeProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("^ninep: serving .* on tcp!127\\.0\\.0\\.1!(\\d+)");

    private final Process process;
    private final Thread output;
    private final int port;
    private final Path log;

    private ServeProcess(Process process, Thread output, int port, Path log) {
        this.process = process;
        this.output = output;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code ninep serve [extra...] [DIR]} (no DIR: the demo tree) on a free port and waits until it listens. */
    static ServeProcess start(Path export, Path log, List<String> extra) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath(log.getParent()), "io.ninep.cli.Main",
                "serve", "--listen", "tcp!127.0.0.1!0"));
        cmd.addAll(extra);
        if (export != null) {
            cmd.add(export.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread output = Thread.ofPlatform().daemon().name("ninep serve output").start(() -> copy(p, log, port));
        try {
            return new ServeProcess(p, output, port.get(60, TimeUnit.SECONDS), log);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IOException("ninep serve did not start listening; its output is in " + log, e);
        }
    }

    private static String snapshot;

    /**
     * This test's class path, copied once into {@code dir}: the server runs minutes, and a jar
     * rewritten meanwhile in the local repository (another build installing) would make it fail
     * to load a class half way through.
     */
    private static synchronized String classPath(Path dir) throws IOException {
        if (snapshot == null) {
            Path copy = dir.resolve("classpath");
            java.util.List<String> entries = new ArrayList<>();
            for (String e : classPathEntries()) {
                Path from = Path.of(e);
                Path to = copy.resolve(entries.size() + "-" + from.getFileName());
                if (java.nio.file.Files.isDirectory(from)) {
                    try (var walk = java.nio.file.Files.walk(from)) {
                        for (Path p : walk.toList()) {
                            Path target = to.resolve(from.relativize(p).toString());
                            if (java.nio.file.Files.isDirectory(p)) {
                                java.nio.file.Files.createDirectories(target);
                            } else {
                                java.nio.file.Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                            }
                        }
                    }
                } else if (java.nio.file.Files.isRegularFile(from)) {
                    java.nio.file.Files.createDirectories(copy);
                    java.nio.file.Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } else {
                    continue;
                }
                entries.add(to.toString());
            }
            snapshot = String.join(java.io.File.pathSeparator, entries);
        }
        return snapshot;
    }

    /** The class path entries, looking through a manifest-only jar (how surefire passes a long class path). */
    private static List<String> classPathEntries() throws IOException {
        String cp = System.getProperty("java.class.path");
        List<String> out = new ArrayList<>();
        for (String e : cp.split(java.io.File.pathSeparator)) {
            out.add(e);
            if (e.endsWith(".jar")) {
                try (var jar = new java.util.jar.JarFile(e)) {
                    var mf = jar.getManifest();
                    String more = mf == null ? null : mf.getMainAttributes().getValue("Class-Path");
                    if (more != null) {
                        for (String u : more.trim().split("\\s+")) {
                            out.add(Path.of(java.net.URI.create(u)).toString());
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void copy(Process p, Path log, CompletableFuture<Integer> port) {
        try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             var out = java.nio.file.Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                Matcher m = SERVING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IOException("ninep serve closed its output before it listened"));
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends SIGTERM and waits for the process to end.
     *
     * @return its exit code (143 after a SIGTERM the JVM handled)
     */
    int stop(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();   // SIGTERM; Process.destroy would also close the pipe we read
        boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            process.destroyForcibly();
            process.waitFor();
        }
        output.join(10_000);   // the log is complete once its last lines are copied
        return ended ? process.exitValue() : -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(30));
        }
    }
}
