package io.ninep.it.peers;

import io.ninep.cli.bench.DiodProcess;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A diod of the test's own ({@link DiodProcess}), exporting a fresh temporary directory that is
 * deleted with it. Needs root, so that diod may switch to the attaching user.
 */
public final class Diod implements Closeable {
    public static final Path BINARY = DiodProcess.BINARY;

    private final Path export;
    private final Path log;
    private final DiodProcess process;

    private Diod(Path export, Path log, DiodProcess process) {
        this.export = export;
        this.log = log;
        this.process = process;
    }

    public static boolean available() {
        return Files.isExecutable(BINARY) && "root".equals(System.getProperty("user.name"));
    }

    public static Diod start() throws IOException, InterruptedException {
        Path export = Files.createTempDirectory("ninep-diod-export");
        Path log = Files.createTempFile("ninep-diod", ".log");
        // A diod that aborts (an R-message kills it) writes a core file into its working
        // directory: keep that out of the project, in the log's directory.
        return new Diod(export, log, DiodProcess.start(BINARY, export, log.getParent(), log));
    }

    /** The directory diod exports (and its aname). */
    public Path export() {
        return export;
    }

    public int port() {
        return process.port();
    }

    /** The dial string: {@code tcp!127.0.0.1!PORT}. */
    public String address() {
        return process.address();
    }

    @Override
    public void close() throws IOException {
        process.close();
        Trees.delete(export);
        Files.deleteIfExists(log);
    }
}
