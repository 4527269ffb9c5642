package io.ninep.cli.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Random;

/**
 * The files a run works on, in a directory of its own (on tmpfs, /dev/shm, by default, so the
 * local backend and diod measure the protocol and not a disk): {@code export/} with "big" (the
 * large file of the sequential scenarios), "small" (4 KiB) and "d10k" (the readdir directory),
 * exported by ninep's LocalFileServer and by diod alike; {@code sock/} for Unix sockets (kept
 * short: a socket path must fit in 108 bytes); {@code diod/}, diod's working directory (diod
 * turns core dumps on). Everything is removed by {@link #close}.
 */
final class Fixture implements AutoCloseable {
    static final String BIG = "big";
    static final String NULL = "null";
    static final String SMALL = "small";
    static final String DIR = "d10k";
    static final int SMALL_SIZE = 4096;

    final Path root;
    final Path export;
    final Path sockets;
    final Path diodWork;

    private Fixture(Path root) {
        this.root = root;
        this.export = root.resolve("export");
        this.sockets = root.resolve("sock");
        this.diodWork = root.resolve("diod");
    }

    static Fixture create(Path parent, long fileSize, int dirEntries) throws IOException {
        Files.createDirectories(parent);
        Fixture f = new Fixture(Files.createTempDirectory(parent, "ninep-bench-"));
        try {
            Files.createDirectories(f.export);
            Files.createDirectories(f.sockets);
            Files.createDirectories(f.diodWork);
            writeBig(f.export.resolve(BIG), fileSize);
            Files.write(f.export.resolve(SMALL), smallContent());
            Path dir = Files.createDirectories(f.export.resolve(DIR));
            for (int i = 0; i < dirEntries; i++) {
                Files.createFile(dir.resolve(entryName(i)));
            }
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
        return f;
    }

    /** The 4 KiB of "small": the same bytes in every tree. */
    static byte[] smallContent() {
        byte[] b = new byte[SMALL_SIZE];
        new Random(5640).nextBytes(b);
        return b;
    }

    /** "entry-00042": names of equal length, as a build tree's object files would be. */
    static String entryName(int i) {
        return String.format("entry-%05d", i);
    }

    /** Fills {@code file} with {@code size} bytes of a repeating random pattern (not zeros: no sparse shortcuts). */
    static void writeBig(Path file, long size) throws IOException {
        ByteBuffer pattern = pattern(16 << 20);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long done = 0;
            while (done < size) {
                pattern.clear().limit((int) Math.min(pattern.capacity(), size - done));
                while (pattern.hasRemaining()) {
                    done += ch.write(pattern, done);
                }
            }
        }
    }

    static ByteBuffer pattern(int size) {
        byte[] b = new byte[size];
        new Random(9).nextBytes(b);
        return ByteBuffer.allocateDirect(size).put(b).flip();
    }

    @Override
    public void close() throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
