package io.ninep.cli.bench;

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
 * Debian's diod, the C 9P server, exporting a directory on a free loopback port
 * ({@code diod -f -n -N -c /dev/null -l 127.0.0.1:PORT -e DIR}), started from a working
 * directory of the caller's (diod turns core dumps on, and a diod that aborts writes its core
 * there), and stopped by its PID, never by name: other diods on the machine are not ours. Its
 * aname is the exported directory. diod caps msize at 64 KiB and needs root to switch to the
 * attaching user. {@code ninep bench} and the interop tests start diod with this.
 */
public final class DiodProcess implements AutoCloseable {
    /** Where Debian installs diod. */
    public static final Path BINARY = Path.of("/usr/sbin/diod");

    /** The largest msize diod agrees to. */
    public static final int MAX_MSIZE = 65536;

    private final Process process;
    private final int port;
    private final Path export;

    private DiodProcess(Process process, int port, Path export) {
        this.process = process;
        this.port = port;
        this.export = export;
    }

    /** The command line: {@code diod -f -n -N -c /dev/null -l 127.0.0.1:PORT -e DIR}. */
    public static List<String> command(Path binary, int port, Path export) {
        return List.of(binary.toString(), "-f", "-n", "-N", "-c", "/dev/null", "-l", "127.0.0.1:" + port, "-e",
                export.toString());
    }

    /** Starts diod and returns once it accepts connections; its output goes to {@code log}. */
    public static DiodProcess start(Path binary, Path export, Path workDir, Path log) throws IOException, InterruptedException {
        if (!Files.isExecutable(binary)) {
            throw new IOException("no diod at " + binary + " (apt-get install diod, or --diod PATH, or --no-diod)");
        }
        int port = freeLoopbackPort();
        Process p = new ProcessBuilder(command(binary, port, export)).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        DiodProcess d = new DiodProcess(p, port, export);
        try {
            awaitListening(p, port, log);
        } catch (IOException | InterruptedException e) {
            d.close();
            throw e;
        }
        return d;
    }

    /** The dial string: {@code tcp!127.0.0.1!PORT}. */
    public String address() {
        return "tcp!127.0.0.1!" + port;
    }

    public int port() {
        return port;
    }

    /** The directory diod exports, as an aname. */
    public String aname() {
        return export.toString();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * diod says nothing when it starts listening: connect to {@code port} until it accepts, or
     * fail with {@code log} if the process dies first (or 20 s pass).
     */
    public static void awaitListening(Process process, int port, Path log) throws IOException, InterruptedException {
        awaitListening("diod", process, port, log);
    }

    /** As {@link #awaitListening(Process, int, Path)}, for any server that says nothing when it listens. */
    static void awaitListening(String name, Process process, int port, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (ConnectException notYet) {
                if (!process.isAlive()) {
                    throw new IOException(name + " exited with status " + process.exitValue() + ": " + Files.readString(log));
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(name + " did not listen on 127.0.0.1:" + port + " within 20 s");
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
    public void close() {
        stop(process);
    }

    /** Asks {@code process} to end (SIGTERM), and kills it if it has not within 10 s. */
    static void stop(Process process) {
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
    }
}
