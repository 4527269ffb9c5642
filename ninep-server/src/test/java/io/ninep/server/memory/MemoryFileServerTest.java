package io.ninep.server.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.P9;
import io.ninep.protocol.message.Attr;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.Identity;
import io.ninep.server.spi.OpenFile;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The API a program publishes files with: static, computed, control, stream and custom files. */
class MemoryFileServerTest {
    private final MemoryFileServer fs = new MemoryFileServer();
    private final Identity root = new Identity("root", 0);

    private FileNode node(String... path) throws IOException {
        FileNode r = fs.attach(root, "");
        List<FileNode> nodes = r.walk(List.of(path));
        assertThat(nodes).hasSize(path.length);
        return nodes.getLast();
    }

    private static String read(OpenFile f, long offset) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4096);
        int n = f.read(offset, b);
        return new String(b.array(), 0, n, StandardCharsets.UTF_8);
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void staticFilesAreOrdinaryFilesWithContent() throws IOException {
        fs.root().directory("etc").file("motd", "hello\n");
        FileNode motd = node("etc", "motd");
        assertThat(motd.getattr(Attr.BASIC).size()).isEqualTo(6);
        assertThat(motd.getattr(Attr.BASIC).mode() & 0777).isEqualTo(0644);
        OpenFile f = motd.open(LinuxOpenFlags.O_RDWR);
        assertThat(f.transfersWithoutWaiting()).as("pages in memory").isTrue();
        assertThat(read(f, 0)).isEqualTo("hello\n");
        f.write(0, bytes("HE"));
        assertThat(read(f, 0)).isEqualTo("HEllo\n");
    }

    @Test
    void computedFilesAreMadeAtEachOpenAndStayStillWhileOpen() throws IOException {
        AtomicInteger counter = new AtomicInteger();
        fs.root().computed("count", () -> "n=" + counter.incrementAndGet() + "\n");
        OpenFile first = node("count").open(LinuxOpenFlags.O_RDONLY);
        assertThat(read(first, 0)).isEqualTo("n=1\n");
        assertThat(read(first, 2)).isEqualTo("1\n");
        OpenFile second = node("count").open(LinuxOpenFlags.O_RDONLY);
        assertThat(read(second, 0)).isEqualTo("n=2\n");
        assertThat(read(first, 0)).isEqualTo("n=1\n");
        assertThatThrownBy(() -> node("count").open(LinuxOpenFlags.O_WRONLY))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EACCES.number()));
    }

    @Test
    void controlFilesTakeEachWriteAsACommand() throws IOException {
        List<String> commands = new ArrayList<>();
        fs.root().control("ctl", text -> {
            if (text.equals("bad")) {
                throw new IllegalArgumentException("no such command");
            }
            commands.add(text);
        });
        OpenFile ctl = node("ctl").open(LinuxOpenFlags.O_WRONLY | LinuxOpenFlags.O_TRUNC);
        assertThat(ctl.write(0, bytes("start\n"))).isEqualTo(6);
        ctl.write(0, bytes("stop now"));
        assertThat(commands).containsExactly("start", "stop now");
        assertThatThrownBy(() -> ctl.write(0, bytes("bad\n"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamReadsWaitForPublishedDataAndEachOpenGetsItsOwnCopy() throws Exception {
        MemoryStream events = fs.root().stream("events");
        OpenFile a = node("events").open(LinuxOpenFlags.O_RDONLY);
        OpenFile b = node("events").open(LinuxOpenFlags.O_RDONLY);
        assertThat(a.transfersWithoutWaiting()).as("a stream's reads wait for what is published").isFalse();
        assertThat(events.readers()).isEqualTo(2);
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return read(a, 0);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        events.publish("one\n");
        assertThat(waiting.get(20, TimeUnit.SECONDS)).isEqualTo("one\n");
        events.publish("two\n");
        assertThat(read(b, 0)).isEqualTo("one\ntwo\n");
        assertThat(read(a, 0)).isEqualTo("two\n");
        b.close();
        assertThat(events.readers()).isEqualTo(1);
        events.close();
        assertThat(read(a, 0)).isEmpty();   // end of file once closed and drained
    }

    @Test
    void aBlockedStreamReadEndsAtOnceWhenItsThreadIsInterrupted() throws Exception {
        fs.root().stream("events");
        OpenFile f = node("events").open(LinuxOpenFlags.O_RDONLY);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                read(f, 0);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        reader.interrupt();
        assertThat(outcome.get(20, TimeUnit.SECONDS)).isInstanceOf(InterruptedIOException.class);
    }

    @Test
    void aSlowReaderLosesTheOldestDataNotTheServer() throws IOException {
        MemoryStream events = fs.root().stream("events");
        OpenFile f = node("events").open(LinuxOpenFlags.O_RDONLY);
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < 10; i++) {
            chunk[0] = (byte) i;
            events.publish(chunk);
        }
        ByteBuffer b = ByteBuffer.allocate(1);
        f.read(0, b);
        assertThat(b.get(0)).isEqualTo((byte) 6);   // 4 MiB kept: chunks 6 to 9
    }

    @Test
    void syntheticFilesAreTheProgramsToImplement() throws IOException {
        fs.root().synthetic("echo", 0666, new SyntheticFile() {
            private volatile String last = "";

            @Override
            public int read(long offset, ByteBuffer dst) {
                byte[] b = last.getBytes(StandardCharsets.UTF_8);
                if (offset >= b.length) {
                    return 0;
                }
                int n = (int) Math.min(dst.remaining(), b.length - offset);
                dst.put(b, (int) offset, n);
                return n;
            }

            @Override
            public int write(long offset, ByteBuffer src) {
                byte[] b = new byte[src.remaining()];
                src.get(b);
                last = new String(b, StandardCharsets.UTF_8).toUpperCase();
                return b.length;
            }

            @Override
            public long size() {
                return last.length();
            }
        });
        OpenFile f = node("echo").open(LinuxOpenFlags.O_RDWR);
        assertThat(f.transfersWithoutWaiting()).as("a program's reads may wait").isFalse();
        f.write(0, bytes("shout"));
        assertThat(read(f, 0)).isEqualTo("SHOUT");
        assertThat(node("echo").getattr(Attr.BASIC).size()).isEqualTo(5);
    }

    @Test
    void theProgramCanReplaceAndRemoveEntriesWhileClientsHoldThem() throws IOException {
        fs.root().file("v", "1");
        FileNode old = node("v");
        fs.root().file("v", "22");
        assertThat(node("v").getattr(Attr.BASIC).size()).isEqualTo(2);
        assertThat(old.getattr(Attr.BASIC).nlink()).isZero();
        assertThat(read(old.open(LinuxOpenFlags.O_RDONLY), 0)).isEqualTo("1");
        assertThat(fs.root().remove("v")).isTrue();
        assertThat(fs.root().remove("v")).isFalse();
        assertThatThrownBy(() -> fs.root().file("a/b", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clientsWithoutANumericIdAreNobodyUnlessTheProgramSaysOtherwise() throws IOException {
        fs.root().directory("open").chmod(01777);
        FileNode anon = fs.attach(new Identity("glenda", P9.NONUNAME), "");
        assertThatThrownBy(() -> anon.mkdir("x", 0755, P9.NONUNAME))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EACCES.number()));
        FileNode open = anon.walk(List.of("open")).getFirst();
        open.mkdir("mine", 0755, P9.NONUNAME);
        assertThat(open.walk(List.of("mine")).getFirst().getattr(Attr.BASIC).uid()).isEqualTo(MemoryFileServer.NOBODY);
        fs.anonymousUid(0);
        anon.mkdir("x", 0755, P9.NONUNAME);
    }

    @Test
    void theCapacityIsEnforced() throws IOException {
        MemoryFileServer small = new MemoryFileServer(256 * 1024);
        FileNode r = small.attach(root, "");
        OpenFile f = r.create("f", LinuxOpenFlags.O_RDWR, 0644, 0).file();
        f.write(0, ByteBuffer.allocate(200 * 1024));
        assertThatThrownBy(() -> f.write(300 * 1024, ByteBuffer.allocate(1)))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOSPC.number()));
        assertThat(small.root().toString()).contains("/");
    }

    @Test
    void aFileTheProgramReplacesOrRemovesGivesItsSpaceBackOnceNoClientHasIt() throws IOException {
        fs.root().file("f", new byte[200_000]);
        assertThat(fs.space.used.get()).as("four pages").isEqualTo(4L * Pages.PAGE);
        fs.root().file("f", "x");
        assertThat(fs.space.used.get()).as("replaced").isEqualTo(Pages.PAGE);
        FileNode node = node("f");
        OpenFile open = node.open(LinuxOpenFlags.O_RDONLY);
        assertThat(fs.root().remove("f")).isTrue();
        assertThat(fs.space.used.get()).as("still open").isEqualTo(Pages.PAGE);
        assertThat(read(open, 0)).isEqualTo("x");
        open.close();
        assertThat(fs.space.used.get()).as("a node (a fid) still on it").isEqualTo(Pages.PAGE);
        node.release();
        assertThat(fs.space.used.get()).isZero();
        node.release();   // a second release changes nothing
        assertThat(fs.space.used.get()).isZero();
    }

    @Test
    void theLastReleaseRacingTheRemoveAlwaysGivesTheSpaceBack() throws Exception {
        for (int i = 0; i < 2000; i++) {
            fs.root().file("f", "x");
            FileNode node = node("f");
            CountDownLatch go = new CountDownLatch(1);
            Thread remover = Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                fs.root().remove("f");
            });
            go.countDown();
            node.release();
            remover.join();
            assertThat(fs.space.used.get()).as("round %d", i).isZero();
        }
    }

    @Test
    void aReadOnlyTreeRefusesClientsButNotTheProgram() throws IOException {
        fs.readOnly(true);
        fs.root().file("f", "x");
        assertThatThrownBy(() -> node("f").open(LinuxOpenFlags.O_RDWR))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EROFS.number()));
        assertThat(read(node("f").open(LinuxOpenFlags.O_RDONLY), 0)).isEqualTo("x");
    }
}
