package io.ninep.it.peers;

import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A diod of the test's own: Debian's {@code /usr/sbin/diod}, listening on a free loopback port
 * and exporting a fresh temporary directory, stopped by its PID (never by name: other diods on
 * the machine are not ours). Needs root, so that diod may switch to the attaching user.
 */
public final class Diod implements Closeable {
    public static final Path BINARY = Path.of("/usr/sbin/diod");

    private final Path export;
    private final int port;
    private final Path log;
    private final Process process;

    private Diod(Path export, int port, Path log, Process process) {
        this.export = export;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    public static boolean available() {
        return Files.isExecutable(BINARY) && "root".equals(System.getProperty("user.name"));
    }

    /** The command line: {@code diod -f -n -N -c /dev/null -l 127.0.0.1:PORT -e DIR}. */
    public static List<String> command(int port, Path export) {
        return List.of(BINARY.toString(), "-f", "-n", "-N", "-c", "/dev/null",
                "-l", "127.0.0.1:" + port, "-e", export.toString());
    }

    public static Diod start() throws IOException, InterruptedException {
        Path export = Files.createTempDirectory("ninep-diod-export");
        Path log = Files.createTempFile("ninep-diod", ".log");
        int port = freeLoopbackPort();
        // diod turns core dumps on itself, so a diod that aborts (an R-message kills it) writes a
        // core file into its working directory: keep that out of the project, in the log's directory.
        Process p = new ProcessBuilder(command(port, export)).directory(log.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Diod d = new Diod(export, port, log, p);
        try {
            awaitListening(p, port, log);
        } catch (IOException | InterruptedException e) {
            d.close();
            throw e;
        }
        return d;
    }

    /** The directory diod exports (and its aname). */
    public Path export() {
        return export;
    }

    public int port() {
        return port;
    }

    /** The dial string: {@code tcp!127.0.0.1!PORT}. */
    public String address() {
        return "tcp!127.0.0.1!" + port;
    }

    /**
     * diod says nothing when it starts listening: connect to {@code port} until it accepts, or
     * fail with {@code log} if the process dies first. Readiness polling of a process we started,
     * not a way to order the test's own steps.
     */
    public static void awaitListening(Process process, int port, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (ConnectException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("diod exited with status " + process.exitValue() + ": " + Files.readString(log));
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("diod did not listen on 127.0.0.1:" + port + " within 20 s");
                }
                Thread.sleep(20);
            }
        }
    }

    public static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Trees.delete(export);
        Files.deleteIfExists(log);
    }
}
