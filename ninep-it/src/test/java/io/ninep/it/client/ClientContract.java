package io.ninep.it.client;

import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.message.Tunlinkat;
import io.ninep.protocol.testing.Prerequisites;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.client.DirEntryStream;
import io.ninep.client.Fid;
import io.ninep.client.FileModes;
import io.ninep.client.RemoteErrorException;
import io.ninep.client.RequestCancelledException;
import io.ninep.client.Session;
import io.ninep.protocol.Errno;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Rgetlock;
import io.ninep.protocol.message.Rlock;
import io.ninep.protocol.message.StatFs;
import io.ninep.protocol.message.Tlock;
import io.ninep.transport.buffer.BufferPool;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What ninep's client must do against any 9P2000.L server that exports a local directory: every
 * operation the server supports, checked both through 9P and on the exported directory itself.
 * Subclasses start the server and say what it lacks. After every test: no request pending, every
 * pool buffer back, and only the root fid left.
 */
abstract class ClientContract {
    protected Session session;
    protected Fid root;
    /** This test's own directory, through 9P ... */
    protected Fid dir;
    /** ... and on the local file system. */
    protected Path local;
    private String dirName;

    /** Opens a session to the server and attaches its export. */
    protected abstract Session connect() throws IOException;

    protected abstract Fid attach(Session s) throws IOException;

    /** The exported directory on this machine. */
    protected abstract Path export();

    /** The largest msize the server accepts. */
    protected abstract int serverMsizeCap();

    protected boolean hasUnlinkat() {
        return true;
    }

    protected boolean hasRenameat() {
        return true;
    }

    /** Whether Tgetlock says "no conflict" with type UNLCK (nfs-ganesha echoes the request instead). */
    protected boolean getlockReportsUnlocked() {
        return true;
    }

    /** Whether Tremove may be sent (nfs-ganesha 4.3 crashes on it). */
    protected boolean survivesTremove() {
        return true;
    }

    /**
     * Whether opening a FIFO that has no writer blocks in the server, as open(2) does. nfs-ganesha
     * opens it at once; ninep's LocalFileServer refuses with ENXIO (a server-side open of a FIFO
     * would tie up a thread; the Linux client opens special files itself).
     */
    protected boolean blocksOpeningAFifoWithoutWriter() {
        return true;
    }

    @BeforeEach
    void attachAndMakeADirectory(TestInfo info) throws IOException {
        session = connect();
        root = attach(session);
        dirName = "t-" + info.getTestMethod().orElseThrow().getName();
        root.mkdir(dirName, 0755, 0);
        dir = root.walk(dirName);
        local = export().resolve(dirName);
    }

    @AfterEach
    void nothingLeaked() throws Exception {
        if (session == null) {
            return;
        }
        try {
            if (session.connection().isOpen()) {
                dir.close();
                assertThat(session.connection().awaitIdle(Duration.ofSeconds(20))).isTrue();
                assertThat(session.connection().pending()).as("pending requests").isZero();
                assertThat(session.poolStats().inUse()).as("pool buffers in use: %s", session.poolStats()).isZero();
                assertThat(session.fidsInUse()).as("fids in use besides the root").isEqualTo(1);
            }
        } finally {
            session.close();
        }
        assertThat(session.poolStats().inUse()).isZero();
    }

    @Test
    void msizeIsNegotiatedAndACutIsReported() {
        int asked = session.config().msize();
        assertThat(session.msize()).isLessThanOrEqualTo(serverMsizeCap()).isLessThanOrEqualTo(asked);
        if (asked > serverMsizeCap()) {
            assertThat(session.negotiation().cut()).isTrue();
            assertThat(session.negotiation().toString())
                    .isEqualTo("requested " + asked + "; transport tcp allows " + (1 << 30) + "; server answered "
                            + session.msize() + "; using " + session.msize());
        }
    }

    @Test
    void attachedRootIsADirectory() throws IOException {
        Attr a = root.getattr(Attr.ALL);
        assertThat(LinuxFileMode.isDirectory(a.mode())).isTrue();
        assertThat(root.qid().isDirectory()).isTrue();
    }

    @Test
    void walkToAMissingFileIsNoSuchFile() throws IOException {
        Files.createDirectory(local.resolve("sub"));
        assertThatThrownBy(() -> dir.walk("missing"))
                .isInstanceOfSatisfying(RemoteErrorException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENOENT.number());
                    assertThat(e.toNioException("/missing", null)).isInstanceOf(NoSuchFileException.class);
                });
        assertThatThrownBy(() -> dir.walk("sub", "missing"))
                .isInstanceOfSatisfying(RemoteErrorException.class, e -> assertThat(e.errno()).isEqualTo(2));
        try (Fid sub = dir.walkPath("./sub/")) {
            assertThat(sub.qid().isDirectory()).isTrue();
        }
    }

    @Test
    void longWalksGoInSteps() throws IOException {
        List<String> names = new ArrayList<>();
        Path p = local;
        for (int i = 0; i < 20; i++) {
            names.add("d" + i);
            p = p.resolve("d" + i);
        }
        Files.createDirectories(p);
        try (Fid deep = dir.walk(names)) {
            assertThat(deep.getattr().qid().path()).isEqualTo(deep.qid().path());
        }
        names.set(18, "nope");
        // walk(5) wants a short Rwalk when a name past the first is missing (diod sends one);
        // nfs-ganesha answers with an error. Either way: ENOENT, and no fid left behind.
        assertThatThrownBy(() -> dir.walk(names)).isInstanceOfSatisfying(RemoteErrorException.class,
                e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT.number()));
    }

    @Test
    void largeWriteAndReadGoThroughTheWindowAndNoLargeBuffer() throws IOException {
        byte[] data = new byte[3 * 1024 * 1024 + 12345];
        new Random(42).nextBytes(data);
        try (Fid f = dir.create("big", LinuxOpenFlags.O_RDWR, 0644)) {
            assertThat(f.writeAll(0, ByteBuffer.wrap(data))).isEqualTo(data.length);
            f.fsync(false);
            ByteBuffer back = ByteBuffer.allocateDirect(data.length + 100);
            assertThat(f.readAll(0, back)).isEqualTo(data.length);
            byte[] got = new byte[data.length];
            back.flip().get(got);
            assertThat(got).isEqualTo(data);
        }
        assertThat(Files.readAllBytes(local.resolve("big"))).isEqualTo(data);
        // Payloads went from and into the caller's buffers: nothing above the small class.
        assertThat(session.poolStats().takenLargerThan(BufferPool.SMALL)).as("%s", session.poolStats()).isZero();
    }

    @Test
    void readsAtTheEndAndPastIt() throws IOException {
        Files.writeString(local.resolve("short"), "hello");
        try (Fid f = dir.walk("short")) {
            f.open(LinuxOpenFlags.O_RDONLY);
            ByteBuffer b = ByteBuffer.allocate(100);
            assertThat(f.read(0, b)).isEqualTo(5);
            assertThat(f.read(5, b)).isZero();
            assertThat(f.read(1000, b)).isZero();
            assertThat(f.readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("hello");
        }
    }

    @Test
    void channelKeepsAPosition() throws IOException {
        try (Fid f = dir.create("chan", LinuxOpenFlags.O_RDWR, 0644);
             var ch = f.channel()) {
            ch.write(ByteBuffer.wrap("0123456789".getBytes(StandardCharsets.US_ASCII)));
            assertThat(ch.position()).isEqualTo(10);
            assertThat(ch.size()).isEqualTo(10);
            ch.position(3);
            ByteBuffer b = ByteBuffer.allocate(4);
            assertThat(ch.read(b)).isEqualTo(4);
            assertThat(new String(b.array(), StandardCharsets.US_ASCII)).isEqualTo("3456");
            ch.truncate(5);
            assertThat(ch.size()).isEqualTo(5);
            ch.position(5);
            assertThat(ch.read(ByteBuffer.allocate(1))).isEqualTo(-1);
        }
    }

    @Test
    void readdirOfASmallDirectoryUsesOneSmallBuffer() throws IOException {
        for (int i = 0; i < 5; i++) {
            Files.createFile(local.resolve("f" + i));
        }
        Set<String> names = new HashSet<>();
        try (Fid d = dir.walk()) {
            d.lopen(LinuxOpenFlags.O_RDONLY | LinuxOpenFlags.O_DIRECTORY);
            try (DirEntryStream s = d.readdir()) {
                for (DirEntry e : s) {
                    names.add(e.name());
                }
                assertThat(s.counts()).allMatch(c -> c <= BufferPool.SMALL);
            }
        }
        assertThat(names).contains("f0", "f1", "f2", "f3", "f4");
        assertThat(session.poolStats().takenLargerThan(BufferPool.SMALL)).isZero();
    }

    @Test
    void readdirOfALargeDirectoryGrowsItsCount() throws IOException {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            String n = "entry-with-a-longish-name-" + i;
            Files.createFile(local.resolve(n));
            expected.add(n);
        }
        Set<String> names = new HashSet<>();
        List<Integer> counts;
        try (Fid d = dir.walk()) {
            d.lopen(LinuxOpenFlags.O_RDONLY | LinuxOpenFlags.O_DIRECTORY);
            try (DirEntryStream s = d.readdir()) {
                for (DirEntry e : s) {
                    names.add(e.name());
                }
                counts = s.counts();
            }
        }
        assertThat(names).containsAll(expected);
        assertThat(counts.getFirst()).isEqualTo(BufferPool.SMALL);
        assertThat(counts).as("counts grow, never beyond msize - 24").isSorted()
                .allMatch(c -> c <= session.msize() - 24);
        assertThat(counts.getLast()).as("the last count").isGreaterThan(BufferPool.SMALL);
        assertThat(counts.size()).as("round trips for ~150 KB of entries").isLessThan(20);
    }

    @Test
    void listWorksOnAFidOfItsOwn() throws IOException {
        Files.createDirectory(local.resolve("sub"));
        Files.createFile(local.resolve("file"));
        List<String> names = new ArrayList<>();
        try (DirectoryStream<DirEntry> s = dir.list()) {
            s.forEach(e -> names.add(e.name()));
        }
        assertThat(names).contains("sub", "file");
    }

    @Test
    void setattrChangesModeSizeAndTimes() throws IOException {
        Files.writeString(local.resolve("f"), "0123456789");
        try (Fid f = dir.walk("f")) {
            f.setattr(FileModes.chmod(0600));
            f.setattr(FileModes.truncate(4));
            Instant t = Instant.parse("2001-02-03T04:05:06.123456789Z");
            f.setattr(FileModes.times(t, t));
            Attr a = f.getattr(Attr.BASIC);
            assertThat(a.mode() & 07777).isEqualTo(0600);
            assertThat(a.size()).isEqualTo(4);
            assertThat(a.mtime()).isEqualTo(t);
            assertThat(LinuxFileMode.isRegular(a.mode())).isTrue();
        }
        assertThat(Files.size(local.resolve("f"))).isEqualTo(4);
    }

    @Test
    void mkdirSymlinkReadlinkLinkMknod() throws IOException {
        assertThat(dir.mkdir("sub", 0750, 0).isDirectory()).isTrue();
        assertThat(Files.isDirectory(local.resolve("sub"))).isTrue();

        dir.symlink("ln", "sub/target", 0);
        try (Fid l = dir.walk("ln")) {
            assertThat(l.readlink()).isEqualTo("sub/target");
            assertThat(l.qid().isSymlink()).isTrue();
        }
        assertThat(Files.readSymbolicLink(local.resolve("ln")).toString()).isEqualTo("sub/target");

        Files.writeString(local.resolve("orig"), "x");
        try (Fid orig = dir.walk("orig")) {
            dir.link(orig, "hard");
            assertThat(orig.getattr().nlink()).isEqualTo(2);
        }
        assertThat(Files.isSameFile(local.resolve("orig"), local.resolve("hard"))).isTrue();

        dir.mknod("fifo", LinuxFileMode.S_IFIFO | 0644, 0, 0, 0);
        try (Fid p = dir.walk("fifo")) {
            assertThat(p.getattr().mode() & LinuxFileMode.S_IFMT).isEqualTo(LinuxFileMode.S_IFIFO);
        }
    }

    @Test
    void renameAndRenameat() throws IOException {
        Files.writeString(local.resolve("a"), "a");
        Files.writeString(local.resolve("b"), "b");
        Files.createDirectory(local.resolve("sub"));
        try (Fid a = dir.walk("a"); Fid sub = dir.walk("sub")) {
            a.rename(sub, "a2");
            dir.renameat("b", sub, "b2");
        }
        assertThat(local.resolve("sub/a2")).hasContent("a");
        assertThat(local.resolve("sub/b2")).hasContent("b");
        assertThat(local.resolve("a")).doesNotExist();
        assertThat(local.resolve("b")).doesNotExist();
        if (!hasRenameat()) {
            assertThat(session.quirks()).anySatisfy(q -> assertThat(q.messageType()).isEqualTo("Trenameat"));
        }
    }

    @Test
    void unlinkatFilesAndDirectories() throws IOException {
        Files.writeString(local.resolve("f"), "x");
        Files.createDirectory(local.resolve("d"));
        Files.createDirectory(local.resolve("full"));
        Files.createFile(local.resolve("full/x"));
        dir.unlinkat("f", 0);
        dir.unlinkat("d", Tunlinkat.AT_REMOVEDIR);
        assertThat(local.resolve("f")).doesNotExist();
        assertThat(local.resolve("d")).doesNotExist();
        assertThatThrownBy(() -> dir.unlinkat("full", Tunlinkat.AT_REMOVEDIR))
                .isInstanceOfSatisfying(RemoteErrorException.class,
                        e -> assertThat(e.errno()).isIn(Errno.ENOTEMPTY.number(), Errno.EEXIST.number()));
        assertThatThrownBy(() -> dir.unlinkat("missing", 0))
                .isInstanceOfSatisfying(RemoteErrorException.class, e -> assertThat(e.errno()).isEqualTo(2));
        if (!hasUnlinkat()) {
            assertThat(session.quirks()).anySatisfy(q -> assertThat(q.messageType()).isEqualTo("Tunlinkat"));
        }
    }

    @Test
    void removeClunksTheFid() throws IOException {
        Files.writeString(local.resolve("f"), "x");
        if (!survivesTremove()) {
            // Tremove would kill this server; the dialect-neutral delete must get by without it.
            int fids = session.fidsInUse();
            dir.delete("f", false);
            assertThat(local.resolve("f")).doesNotExist();
            assertThat(session.fidsInUse()).isEqualTo(fids);
            return;
        }
        int before = session.fidsInUse();
        Fid f = dir.walk("f");
        f.remove();
        assertThat(f.isClosed()).isTrue();
        assertThat(session.fidsInUse()).isEqualTo(before);
        assertThat(local.resolve("f")).doesNotExist();
        f.close();   // harmless
    }

    @Test
    void statfsDescribesTheFileSystem() throws IOException {
        StatFs s = dir.statfs();
        assertThat(s.bsize()).isPositive();
        assertThat(s.blocks()).isPositive();
    }

    @Test
    void locks() throws IOException {
        try (Fid f = dir.create("locked", LinuxOpenFlags.O_RDWR, 0644)) {
            assertThat(f.lock(Tlock.WRLCK, 0, 0, 0)).isEqualTo(Rlock.SUCCESS);
            Rgetlock g = f.getlock(Tlock.RDLCK, 0, 0);
            assertThat(g.lockType()).isEqualTo(getlockReportsUnlocked() ? Tlock.UNLCK : Tlock.RDLCK);
            assertThat(f.lock(Tlock.UNLCK, 0, 0, 0)).isEqualTo(Rlock.SUCCESS);
        }
    }

    @Test
    void extendedAttributes() throws IOException {
        Files.writeString(local.resolve("f"), "x");
        Prerequisites.require(localXattrsWork(local.resolve("f")), "an export directory on a file system with user xattrs");
        try (Fid f = dir.walk("f")) {
            f.xattrSet("user.ninep", "hello");
            assertThat(new String(f.xattrGet("user.ninep"), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(f.xattrList()).contains("user.ninep");
            f.xattrRemove("user.ninep");
            assertThatThrownBy(() -> f.xattrGet("user.ninep")).isInstanceOfSatisfying(RemoteErrorException.class,
                    e -> assertThat(e.errno()).isEqualTo(Errno.ENODATA.number()));
        }
    }

    @Test
    void manyRequestsInFlightFromManyThreads() throws Exception {
        Files.writeString(local.resolve("f"), "x");
        try (Fid f = dir.walk("f")) {
            List<CompletableFuture<Attr>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(f.getattrAsync(Attr.BASIC));
            }
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < 50; i++) {
                            assertThat(f.getattr().size()).isEqualTo(1);
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            for (CompletableFuture<Attr> a : futures) {
                assertThat(a.get().size()).isEqualTo(1);
            }
        }
    }

    /**
     * A real server's flush: a Tlopen of a FIFO for reading blocks in the server until a writer
     * comes; interrupting the caller sends Tflush. Then a writer comes (a local open of the FIFO
     * for reading and writing, which never blocks). Either outcome flush(5) allows is fine: the
     * server aborts the open and answers Rflush alone (the call is cancelled), or the open
     * answers first (the call returns, and the fid is open); either way the call ends and the
     * connection and its accounting stay sound.
     */
    @Test
    void interruptingABlockedOpenFlushesIt() throws Exception {
        dir.mknod("fifo", LinuxFileMode.S_IFIFO | 0666, 0, 0, 0);
        try (Fid p = dir.walk("fifo")) {
            CompletableFuture<Object> result = new CompletableFuture<>();
            Thread opener = Thread.ofVirtual().start(() -> {
                try {
                    result.complete(p.lopen(LinuxOpenFlags.O_RDONLY));
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
            waitUntil(() -> session.connection().tagsInUse() == 1 || result.isDone());
            if (!blocksOpeningAFifoWithoutWriter()) {
                // Nothing blocks, so nothing is there to flush: the open answers at once, either way.
                try {
                    result.get(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(RemoteErrorException.class);
                }
                assertThat(session.connection().isOpen()).isTrue();
                return;
            }
            assertThat(result.isDone()).as("the server blocks opening a FIFO with no writer").isFalse();
            opener.interrupt();
            try (var writer = new java.io.RandomAccessFile(local.resolve("fifo").toFile(), "rw")) {
                try {
                    result.get();
                    assertThat(p.isOpen()).as("the open answered before the Rflush: honoured").isTrue();
                } catch (java.util.concurrent.ExecutionException e) {
                    // Cancelled (Rflush alone), or the server's own answer won the race and was an error.
                    assertThat(e.getCause()).isInstanceOfAny(RequestCancelledException.class, RemoteErrorException.class);
                    assertThat(p.isOpen()).isFalse();
                }
            }
            assertThat(session.connection().isOpen()).isTrue();
            assertThat(p.getattr().qid()).isNotNull();   // and the connection still works
        }
    }

    /**
     * Tflush against a real server's timing: many reads in flight, all cancelled at once. Each
     * ends either way flush(5) allows (Rflush alone, or the reply first); the client must account
     * for every tag and buffer, and the connection must go on.
     */
    @Test
    void cancellingManyRequestsInFlight() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(7).nextBytes(data);
        Files.write(local.resolve("data"), data);
        try (Fid f = dir.walk("data")) {
            f.open(LinuxOpenFlags.O_RDONLY);
            List<CompletableFuture<Integer>> reads = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                reads.add(f.readAsync((long) i * 8192, ByteBuffer.allocate(8192)));
            }
            reads.forEach(r -> r.cancel(true));
            assertThat(session.connection().awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(session.connection().tagsInUse()).isZero();
            assertThat(session.poolStats().inUse()).isZero();
            ByteBuffer b = ByteBuffer.allocate(data.length);
            assertThat(f.readAll(0, b)).isEqualTo(data.length);
            assertThat(b.array()).isEqualTo(data);
        }
    }

    protected static void waitUntil(java.util.function.BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(1);
        }
    }

    private static boolean localXattrsWork(Path p) {
        try {
            var view = Files.getFileAttributeView(p, java.nio.file.attribute.UserDefinedFileAttributeView.class);
            if (view == null) {
                return false;
            }
            view.write("probe", ByteBuffer.wrap(new byte[] {1}));
            view.delete("probe");
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
