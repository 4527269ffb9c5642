package io.ninep.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The write floor: a 9P server in C that does for each Twrite only what no server can leave
 * out (read the header, splice the payload from the socket into the file, answer) and knows
 * nothing else ({@code write-floor.c} beside this class). Whatever a real server does beyond
 * that, ninep's or diod's, is what the floor does not pay; so a server that writes at 1.5 times
 * diod's throughput needs the floor to reach that first. It is compiled with the machine's C
 * compiler into the run's directory, and listens on a free loopback port, writing every Twrite
 * into one file whatever fid it names. It serves one connection at a time, and only writes.
 */
final class FloorProcess implements AutoCloseable {
    static final String SOURCE = "write-floor.c";
    /** The msize the floor agrees to at most. */
    static final int MAX_MSIZE = 1 << 20;

    private final Process process;
    private final int port;

    private FloorProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The C compiler on PATH ({@code cc}, else {@code gcc}), if any. */
    static Optional<Path> compiler() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : List.of("cc", "gcc")) {
            for (String dir : path.split(":")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Compiles the floor with {@code compiler} in {@code workDir} and starts it writing into
     * {@code file}; returns once it accepts connections. Its output, and the compiler's, go to {@code log}.
     */
    static FloorProcess start(Path compiler, Path file, Path workDir, Path log) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path source = workDir.resolve(SOURCE);
        try (InputStream in = FloorProcess.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IOException(SOURCE + " is missing from ninep's jar");
            }
            Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
        }
        Path binary = workDir.resolve("write-floor");
        Process cc = new ProcessBuilder(compiler.toString(), "-O2", "-o", binary.toString(), source.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!cc.waitFor(60, TimeUnit.SECONDS) || cc.exitValue() != 0) {
            cc.destroyForcibly();
            throw new IOException(compiler + " could not compile " + source + ": " + Files.readString(log));
        }
        int port = DiodProcess.freeLoopbackPort();
        Process p = new ProcessBuilder(binary.toString(), Integer.toString(port), file.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        FloorProcess floor = new FloorProcess(p, port);
        try {
            DiodProcess.awaitListening("the write floor", p, port, log);
        } catch (IOException | InterruptedException e) {
            floor.close();
            throw e;
        }
        return floor;
    }

    /** The dial string: {@code tcp!127.0.0.1!PORT}. */
    String address() {
        return "tcp!127.0.0.1!" + port;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        DiodProcess.stop(process);
    }
}
