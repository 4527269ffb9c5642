package io.ninep.it.nio;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Large files through the streams and Files.copy, many threads at once, a large directory, and
 * what a lookup costs by depth. Figures are printed, never asserted.
 */
interface NioBulkContract extends NioFixture {
    int LARGE = 40 * 1024 * 1024 + 4321;

    @Test
    default void largeFilesStreamThroughTheWindow() throws Exception {
        Path p = dir().resolve("large");
        byte[] data = new byte[LARGE];
        new Random(2024).nextBytes(data);
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        written.update(data);
        long t0 = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(p)) {
            for (int off = 0; off < LARGE; off += 8192) {   // the size Files.write and BufferedOutputStream use
                out.write(data, off, Math.min(8192, LARGE - off));
            }
        }
        long t1 = System.nanoTime();
        assertThat(sha256(local().resolve("large"))).isEqualTo(hex(written));
        MessageDigest read = MessageDigest.getInstance("SHA-256");
        long t2 = System.nanoTime();
        byte[] back = new byte[LARGE];
        try (InputStream in = Files.newInputStream(p)) {
            int off = 0;
            for (int n; (n = in.read(back, off, Math.min(8192, LARGE - off))) > 0; ) {
                off += n;
            }
            assertThat(off).isEqualTo(LARGE);
            assertThat(in.read()).isEqualTo(-1);
        }
        long t3 = System.nanoTime();
        read.update(back);
        assertThat(hex(read)).isEqualTo(hex(written));
        Files.copy(p, dir().resolve("copy"));   // within the server: read and write through 9P
        long t4 = System.nanoTime();
        assertThat(sha256(local().resolve("copy"))).isEqualTo(hex(written));
        Path here = local().resolveSibling(local().getFileName() + "-here");
        try {
            Files.copy(p, here, StandardCopyOption.REPLACE_EXISTING);   // provider to provider: streams
            long t5 = System.nanoTime();
            assertThat(sha256(here)).isEqualTo(hex(written));
            byte[] all = Files.readAllBytes(p);   // the channel path: one windowed read
            long t6 = System.nanoTime();
            assertThat(all).hasSize(LARGE);
            Session s = fs().session();
            System.out.printf("%s (msize %d, window %d): newOutputStream %.0f MiB/s, newInputStream %.0f MiB/s, "
                            + "Files.copy in the server %.0f MiB/s, to this machine %.0f MiB/s, readAllBytes %.0f MiB/s%n",
                    getClass().getSimpleName(), s.msize(), s.config().ioWindow(), mibps(t1 - t0), mibps(t3 - t2),
                    mibps(t4 - t3), mibps(t5 - t4), mibps(t6 - t5));
        } finally {
            Files.deleteIfExists(here);
        }
    }

    private static double mibps(long nanos) {
        return LARGE / (1024.0 * 1024.0) / (nanos / 1e9);
    }

    @Test
    default void manyThreadsShareOneFileSystem() throws Exception {
        Files.writeString(local().resolve("shared"), "read by everyone");
        int threads = 32;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                work.add(pool.submit(() -> {
                    Path mine = Files.createDirectory(dir().resolve("t" + id));
                    byte[] data = new byte[64 * 1024 + id];
                    new Random(id).nextBytes(data);
                    for (int round = 0; round < 10; round++) {
                        Path f = mine.resolve("f" + round);
                        Files.write(f, data);
                        assertThat(Files.readAllBytes(f)).isEqualTo(data);
                        assertThat(Files.readString(dir().resolve("shared"))).isEqualTo("read by everyone");
                        Files.move(f, mine.resolve("g" + round));
                        assertThat(Files.size(mine.resolve("g" + round))).isEqualTo(data.length);
                        if (round % 2 == 0) {
                            Files.delete(mine.resolve("g" + round));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        }
        for (int t = 0; t < threads; t++) {
            try (var s = Files.list(local().resolve("t" + t))) {
                assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                        .containsExactly("g1", "g3", "g5", "g7", "g9");
            }
            assertThat(Files.size(local().resolve("t" + t + "/g9"))).isEqualTo(64 * 1024 + t);
        }
    }

    @Test
    default void aLargeDirectoryIsStreamed() throws IOException {
        int n = 2500;
        for (int i = 0; i < n; i++) {
            Files.createFile(local().resolve("entry-with-a-longish-name-" + i));
        }
        long count;
        try (var s = Files.newDirectoryStream(dir())) {
            count = 0;
            for (Path p : s) {
                assertThat(p.getParent()).isEqualTo(dir());
                count++;
            }
        }
        assertThat(count).isEqualTo(n);
        try (var s = Files.list(dir())) {   // stopping early closes the stream and its fid
            assertThat(s.limit(3).count()).isEqualTo(3);
        }
    }

    /**
     * What a lookup from the root costs, for the package documentation: Files.size (Twalk from
     * the root, Tgetattr) of a name at depth 2 and at depth 14, and FileChannel.size (Tgetattr on
     * a fid already held, what a fid cache would give at best). Medians of alternating calls;
     * printed, never asserted.
     */
    @Test
    default void lookupCostByDepth() throws IOException {
        Path deep = dir();
        for (int i = 0; i < 12; i++) {
            deep = deep.resolve("level" + i);
        }
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("f"), "deep");
        Files.writeString(dir().resolve("f"), "shallow");
        int rounds = 400;
        long[] shallow = new long[rounds];
        long[] far = new long[rounds];
        long[] held = new long[rounds];
        try (var ch = java.nio.channels.FileChannel.open(deep.resolve("f"))) {
            for (int pass = 0; pass < 2; pass++) {   // the first pass warms up
                for (int i = 0; i < rounds; i++) {
                    long t0 = System.nanoTime();
                    Files.size(dir().resolve("f"));
                    long t1 = System.nanoTime();
                    Files.size(deep.resolve("f"));
                    long t2 = System.nanoTime();
                    ch.size();
                    long t3 = System.nanoTime();
                    shallow[i] = t1 - t0;
                    far[i] = t2 - t1;
                    held[i] = t3 - t2;
                }
            }
        }
        System.out.printf("%s: median Files.size at depth %d: %d us, at depth %d: %d us; "
                        + "FileChannel.size on a held fid: %d us%n", getClass().getSimpleName(),
                dir().getNameCount() + 1, median(shallow), deep.getNameCount() + 1, median(far), median(held));
        assertThat(Files.readString(deep.resolve("f"))).isEqualTo("deep");
    }

    private static long median(long[] nanos) {
        long[] s = nanos.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2] / 1000;
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), d)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return hex(d);
    }

    private static String hex(MessageDigest d) {
        return HexFormat.of().formatHex(((MessageDigest) cloneOf(d)).digest());
    }

    private static Object cloneOf(MessageDigest d) {
        try {
            return d.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
