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
 * Debian's diod, the C 9P server, exporting the run's directory on a free loopback port, started
 * as ninep-it's interop tests start it ({@code diod -f -n -N -c /dev/null -l 127.0.0.1:PORT -e DIR})
 * from a working directory of the run's (diod turns core dumps on), and stopped by its PID.
 * Its aname is the exported directory. diod caps msize at 64 KiB.
 */
final class DiodProcess implements AutoCloseable {
    /** The largest msize diod agrees to. */
    static final int MAX_MSIZE = 65536;

    private final Process process;
    private final int port;
    private final Path export;

    private DiodProcess(Process process, int port, Path export) {
        this.process = process;
        this.port = port;
        this.export = export;
    }

    static List<String> command(Path binary, int port, Path export) {
        return List.of(binary.toString(), "-f", "-n", "-N", "-c", "/dev/null", "-l", "127.0.0.1:" + port, "-e",
                export.toString());
    }

    static DiodProcess start(Path binary, Path export, Path workDir, Path log) throws IOException, InterruptedException {
        if (!Files.isExecutable(binary)) {
            throw new IOException("no diod at " + binary + " (apt-get install diod, or --diod PATH, or --no-diod)");
        }
        int port = freePort();
        Process p = new ProcessBuilder(command(binary, port, export)).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        DiodProcess d = new DiodProcess(p, port, export);
        try {
            d.awaitListening(log);
        } catch (IOException | InterruptedException e) {
            d.close();
            throw e;
        }
        return d;
    }

    String address() {
        return "tcp!127.0.0.1!" + port;
    }

    String aname() {
        return export.toString();
    }

    long pid() {
        return process.pid();
    }

    /** diod says nothing when it listens: connect until it accepts, or dies. */
    private void awaitListening(Path log) throws IOException, InterruptedException {
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
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
