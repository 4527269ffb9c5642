package io.ninep.server.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rlerror;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Tread;
import io.ninep.server.ServerConfig;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.FileSpan;
import io.ninep.server.spi.Identity;
import io.ninep.server.spi.OpenFile;
import io.ninep.server.spi.OpenFlags;
import io.ninep.server.testing.RawClient;
import io.ninep.server.testing.ServerFixture;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large reads of local files go out over sockets from a mapping of the file (the kernel copies
 * its pages into the socket once) and are copied through a reply buffer elsewhere; either way the
 * client gets the same bytes, and the channel and mapping a span holds go once neither the file
 * nor a reply needs them.
 */
class FileSpanTest {
    private static final int SIZE = 1024 * 1024 + 12345;
    private static final int MSIZE = 256 * 1024;
    private static final int COUNT = 200_000;

    @TempDir
    Path export;

    private final List<String> trace = new CopyOnWriteArrayList<>();
    private byte[] content;

    private void makeFile() throws Exception {
        content = new byte[SIZE];
        new Random(11).nextBytes(content);
        Files.write(export.resolve("big"), content);
    }

    private ServerFixture fixture() throws Exception {
        return new ServerFixture(new LocalFileServer(export), ServerConfig.defaults().withTrace(trace::add));
    }

    @Test
    void largeReadsOverTcpAreSentFromTheFileAndCarryItsBytes() throws Exception {
        makeFile();
        try (ServerFixture fixture = fixture()) {
            RawClient c = fixture.connect(ServerFixture.Kind.TCP);
            openBig(c);
            long[] offsets = {0, 100_000, SIZE - 50_000, SIZE, SIZE + 10};
            long payload = 0;
            for (long offset : offsets) {
                payload += expectRead(c, offset, COUNT);
            }
            assertThat(spanLines()).as("one span per large read, EOF included").hasSize(offsets.length);
            assertThat(spanLines("(mapped)")).as("written from the mapping: those with bytes").hasSize(3);
            expectRead(c, 5000, 4096);
            assertThat(spanLines()).as("a small read is copied").hasSize(offsets.length);
            fixture.assertQuiet(c);
            assertThat(fixture.server().metrics().snapshot().totals().bytesOut())
                    .as("the bytes sent from the file count as sent").isGreaterThan(payload);
        }
    }

    @Test
    void overAPipeTheSameReadsAreCopied() throws Exception {
        makeFile();
        try (ServerFixture fixture = fixture()) {
            RawClient c = fixture.connect(ServerFixture.Kind.PIPE);
            openBig(c);
            expectRead(c, 0, COUNT);
            expectRead(c, SIZE - 50_000, COUNT);
            assertThat(spanLines()).isEmpty();
            fixture.assertQuiet(c);
        }
    }

    @Test
    void aClunkRacingTheReplyLeavesTheSpanItsChannelAndNoDescriptorBehind() throws Exception {
        makeFile();
        long before = openDescriptors();
        try (ServerFixture fixture = fixture()) {
            RawClient c = fixture.connect(ServerFixture.Kind.TCP);
            c.start(MSIZE);
            int readsWon = 0;
            for (int i = 0; i < 40; i++) {
                c.walk(2, 0, 1, "big");
                c.call(3, new Tlopen(1, OpenFlags.O_RDONLY), Rlopen.class);
                long offset = (long) i * 20_000;
                c.send(10, new Tread(1, offset, COUNT));
                c.send(11, new Tclunk(1));
                for (int k = 0; k < 2; k++) {   // in either order: the two requests run at once
                    Frame f = c.receive();
                    if (f.tag() == 11) {
                        assertThat(f.body()).isInstanceOf(Rclunk.class);
                    } else if (f.body() instanceof Rread r) {
                        assertThat(bytesOf(r)).isEqualTo(slice(offset, COUNT));
                        readsWon++;
                    } else {   // the clunk took the fid before the read looked it up
                        assertThat(f.body()).isInstanceOf(Rlerror.class);
                    }
                }
            }
            assertThat(readsWon).as("reads that got their span before the clunk closed the file").isPositive();
            fixture.assertQuiet(c);
        }
        assertThat(openDescriptors()).as("every file and span channel closed").isEqualTo(before);
        assertThat(mappingsOfBig()).as("every mapping unmapped").isEmpty();
    }

    @Test
    void aSpanStopsAtTheEndOfTheFileAndOutlivesTheFileUntilReleased() throws Exception {
        makeFile();
        long before = openDescriptors();
        LocalFileServer server = new LocalFileServer(export);
        FileNode root = server.attach(new Identity("root", 0), "");
        FileNode big = LocalTesting.walk(root, "big");
        OpenFile f = big.open(OpenFlags.O_RDONLY);
        assertThat(f.transfersWithoutWaiting()).as("a regular file of a local file system").isTrue();
        FileSpan tail = f.span(SIZE - 100, 4096);
        FileSpan past = f.span(SIZE + 1, 4096);
        assertThat(tail.count()).isEqualTo(100);
        assertThat(past.count()).isZero();
        assertThat(past.mapped()).as("nothing to map").isNull();
        f.close();
        ByteBuffer got = ByteBuffer.allocate(100);
        tail.channel().read(got, tail.position());
        assertThat(got.array()).as("readable after the file's close").isEqualTo(slice(SIZE - 100, 100));
        assertThat(bytesOf(tail.mapped())).as("mapped after the file's close").isEqualTo(slice(SIZE - 100, 100));
        tail.release();
        assertThat(tail.channel().isOpen()).as("a span still unreleased holds it").isTrue();
        assertThat(mappingsOfBig()).as("the mapping goes with the file's last use, not before").isNotEmpty();
        past.release();
        past.release();   // a second release changes nothing
        assertThat(tail.channel().isOpen()).isFalse();
        assertThat(mappingsOfBig()).isEmpty();
        big.release();
        root.release();
        server.close();
        assertThat(openDescriptors()).isEqualTo(before);
    }

    @Test
    void aFileThatGrewIsMappedAgainAndTheOldMappingGoesWithItsLastSpan() throws Exception {
        makeFile();
        LocalFileServer server = new LocalFileServer(export);
        FileNode root = server.attach(new Identity("root", 0), "");
        FileNode big = LocalTesting.walk(root, "big");
        OpenFile f = big.open(OpenFlags.O_RDONLY);
        FileSpan first = f.span(0, 65536);
        assertThat(bytesOf(first.mapped())).isEqualTo(slice(0, 65536));
        byte[] more = new byte[70_000];
        new Random(12).nextBytes(more);
        Files.write(export.resolve("big"), more, StandardOpenOption.APPEND);
        FileSpan grown = f.span(SIZE - 1000, 65536);
        assertThat(grown.count()).isEqualTo(65536);
        byte[] expected = new byte[65536];
        System.arraycopy(content, SIZE - 1000, expected, 0, 1000);
        System.arraycopy(more, 0, expected, 1000, 65536 - 1000);
        assertThat(bytesOf(grown.mapped())).as("old end and appended bytes, from a new mapping").isEqualTo(expected);
        assertThat(mappingsOfBig()).as("the first mapping, still used by its span, and the new one").hasSize(2);
        first.release();
        assertThat(mappingsOfBig()).as("the first one unmapped with its last span").hasSize(1);
        grown.release();
        f.close();
        assertThat(mappingsOfBig()).isEmpty();
        big.release();
        root.release();
        server.close();
    }

    @Test
    void pastTheMappingBudgetSpansGoOutWithSendfileAndEachMappingGivesItsShareBack() throws Exception {
        makeFile();
        LocalFileServer server = new LocalFileServer(export);
        FileNode root = server.attach(new Identity("root", 0), "");
        FileNode big = LocalTesting.walk(root, "big");
        int free = SpanChannel.MAPPING_BUDGET.availablePermits();
        OpenFile mappedFile = big.open(OpenFlags.O_RDONLY);
        FileSpan mapped = mappedFile.span(0, 65536);
        assertThat(mapped.mapped()).isNotNull();
        assertThat(SpanChannel.MAPPING_BUDGET.availablePermits()).isEqualTo(free - 1);
        int taken = SpanChannel.MAPPING_BUDGET.drainPermits();
        OpenFile f = big.open(OpenFlags.O_RDONLY);
        try {
            FileSpan span = f.span(100, 65536);
            assertThat(span.mapped()).as("no mapping left in the budget").isNull();
            ByteBuffer got = ByteBuffer.allocate(65536);
            span.channel().read(got, span.position());
            assertThat(got.array()).isEqualTo(slice(100, 65536));
            span.release();
        } finally {
            SpanChannel.MAPPING_BUDGET.release(taken);
            f.close();
        }
        mapped.release();
        mappedFile.close();
        assertThat(SpanChannel.MAPPING_BUDGET.availablePermits()).as("the mapping's share is back").isEqualTo(free);
        big.release();
        root.release();
        server.close();
    }

    @Test
    void aProcFileIsReadByCopyingSinceItsSizeSaysNothing() throws Exception {
        LocalFileServer server = new LocalFileServer(Path.of("/proc/self"));
        FileNode root = server.attach(new Identity("root", 0), "");
        FileNode status = LocalTesting.walk(root, "status");
        OpenFile f = status.open(OpenFlags.O_RDONLY);
        assertThat(f.span(0, 65536)).as("procfs says size 0").isNull();
        assertThat(f.transfersWithoutWaiting()).as("not a file system whose files hold their bytes").isFalse();
        assertThat(f.read(0, ByteBuffer.allocate(65536))).isPositive();
        f.close();
        status.release();
        root.release();
        server.close();
    }

    private void openBig(RawClient c) throws Exception {
        c.start(MSIZE);
        c.walk(2, 0, 1, "big");
        c.call(3, new Tlopen(1, OpenFlags.O_RDONLY), Rlopen.class);
    }

    /** Reads and checks against the file; returns the bytes the reply carried. */
    private int expectRead(RawClient c, long offset, int count) throws Exception {
        Rread r = c.call(4, new Tread(1, offset, count), Rread.class);
        assertThat(bytesOf(r)).as("%d bytes at %d", count, offset).isEqualTo(slice(offset, count));
        return r.count();
    }

    private List<String> spanLines() {
        return trace.stream().filter(l -> l.contains("(sendfile)") || l.contains("(mapped)")).toList();
    }

    private List<String> spanLines(String kind) {
        return trace.stream().filter(l -> l.contains(kind)).toList();
    }

    /** Lines of /proc/self/maps that map the big file: one per mapping (the kernel may split one, never here). */
    private List<String> mappingsOfBig() throws Exception {
        String path = export.resolve("big").toRealPath().toString();
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.endsWith(" " + path)).toList();
    }

    private byte[] slice(long offset, int count) {
        int from = (int) Math.min(offset, SIZE);
        return Arrays.copyOfRange(content, from, (int) Math.min(SIZE, offset + count));
    }

    private static byte[] bytesOf(ByteBuffer mapped) {
        byte[] b = new byte[mapped.remaining()];
        mapped.duplicate().get(b);
        return b;
    }

    private static byte[] bytesOf(Rread r) {
        byte[] b = new byte[r.count()];
        r.data().duplicate().get(b);
        return b;
    }

    private static long openDescriptors() throws Exception {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }
}
