package io.ninep.server.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.server.spi.BufferSpan;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A memory file's pages: copies and spans agree with the bytes written, holes and ends included;
 * pages go back to the pool when neither the file nor a span holds them, and come back cleared.
 */
class PagesTest {
    private static final int PAGE = Pages.PAGE;

    private final MemoryFileServer.Space space = new MemoryFileServer.Space(64L << 20);
    private final Pages pages = new Pages(space);

    /** A file with a hole: bytes [0, 2.5 pages), nothing in pages 3-4, bytes [5 pages + 100, 7 pages - 7). */
    private byte[] sparseFile() throws ErrnoException {
        Random random = new Random(5);
        byte[] expected = new byte[7 * PAGE - 7];
        byte[] head = new byte[2 * PAGE + PAGE / 2];
        random.nextBytes(head);
        System.arraycopy(head, 0, expected, 0, head.length);
        byte[] tail = new byte[expected.length - (5 * PAGE + 100)];
        random.nextBytes(tail);
        System.arraycopy(tail, 0, expected, 5 * PAGE + 100, tail.length);
        pages.write(0, ByteBuffer.wrap(head));
        pages.write(5 * PAGE + 100, ByteBuffer.wrap(tail));
        return expected;
    }

    @Test
    void viewsAndCopiesCarryTheFilesBytesHolesAsZerosAndStopAtTheEnd() throws ErrnoException {
        byte[] expected = sparseFile();
        assertThat(pages.allocated()).as("no page for the hole").isEqualTo(5L * PAGE);
        long[] offsets = {0, 1, PAGE - 1, PAGE, 2 * PAGE + 7, 3 * PAGE, 4 * PAGE + 5, 5 * PAGE + 99,
                expected.length - 3, expected.length, expected.length + 10};
        int[] counts = {0, 1, 100, PAGE, PAGE + 1, 3 * PAGE + 17, 8 * PAGE};
        for (long offset : offsets) {
            for (int count : counts) {
                byte[] want = Arrays.copyOfRange(expected, (int) Math.min(offset, expected.length),
                        (int) Math.min(expected.length, offset + count));
                ByteBuffer copy = ByteBuffer.allocate(count);
                assertThat(pages.read(offset, copy)).isEqualTo(want.length);
                assertThat(Arrays.copyOf(copy.array(), want.length)).as("copy of %d at %d", count, offset).isEqualTo(want);
                BufferSpan span = pages.span(offset, count);
                List<ByteBuffer> views = List.of(span.buffers());
                assertThat(views).allSatisfy(v -> assertThat(v.isDirect()).isTrue());
                assertThat(views).as("one view per page touched").hasSizeLessThanOrEqualTo(want.length / PAGE + 2);
                assertThat(span.count()).isEqualTo(want.length);
                assertThat(bytesOf(views)).as("views of %d at %d", count, offset).isEqualTo(want);
                span.release();
            }
        }
    }

    @Test
    void aSpanShowsLaterWritesAndHoldsADroppedPageUntilReleased() throws ErrnoException {
        byte[] expected = sparseFile();
        BufferSpan first = pages.span(0, PAGE);
        BufferSpan last = pages.span(6 * PAGE, PAGE);
        pages.write(10, ByteBuffer.wrap(new byte[] {1, 2, 3}));
        pages.truncate(PAGE + 5);
        byte[] written = Arrays.copyOf(expected, PAGE);
        written[10] = 1;
        written[11] = 2;
        written[12] = 3;
        assertThat(bytesOf(first)).as("a write after the span shows through, as in a page cache").isEqualTo(written);
        assertThat(pages.allocated()).isEqualTo(2L * PAGE);
        assertThat(space.used.get()).as("the capacity counts the file's pages only").isEqualTo(2L * PAGE);
        assertThat(space.pool.idle()).as("dropped pages 2 and 5 are back; 6, held by a span, is not").isEqualTo(2);
        assertThat(bytesOf(last)).as("the page a truncate dropped keeps its bytes while held")
                .isEqualTo(Arrays.copyOfRange(expected, 6 * PAGE, expected.length));
        last.release();
        last.release();
        assertThat(space.pool.idle()).as("released once, however often asked").isEqualTo(3);
        first.release();
        assertThat(space.pool.idle()).as("page 0 is still the file's").isEqualTo(3);
        pages.free();
        assertThat(space.pool.idle()).isEqualTo(5);
        assertThat(space.used.get()).isZero();
    }

    @Test
    void aReusedPageReadsAsZerosWhereItWasNotWritten() throws ErrnoException {
        byte[] ones = new byte[PAGE];
        Arrays.fill(ones, (byte) 1);
        pages.write(0, ByteBuffer.wrap(ones));
        pages.write(PAGE, ByteBuffer.wrap(ones));
        pages.truncate(0);
        assertThat(space.pool.idle()).isEqualTo(2);
        pages.write(PAGE + 100, ByteBuffer.wrap(new byte[] {7}));   // part of a page: the rest must be zeros
        pages.write(2 * PAGE, ByteBuffer.wrap(ones));                // all of one: no need to clear it first
        assertThat(space.pool.idle()).as("both taken from the pool").isZero();
        byte[] expected = new byte[3 * PAGE];
        expected[PAGE + 100] = 7;
        System.arraycopy(ones, 0, expected, 2 * PAGE, PAGE);
        BufferSpan all = pages.span(0, 3 * PAGE);
        assertThat(bytesOf(all)).isEqualTo(expected);
        all.release();
    }

    @Test
    void aRunReadOutsideTheLockReplacesWholePagesAndIsCopiedIntoPartOnes() throws ErrnoException {
        byte[] expected = new byte[3 * PAGE];
        new Random(8).nextBytes(expected);
        pages.write(0, ByteBuffer.wrap(expected));
        BufferSpan old = pages.span(PAGE, PAGE);
        long offset = PAGE / 2;
        int count = 3 * PAGE;   // half of page 0, pages 1 and 2 whole, half of page 3 (new)
        PageRun run = new PageRun(space.pool, offset, count);
        byte[] payload = new byte[count];
        new Random(9).nextBytes(payload);
        ByteBuffer from = ByteBuffer.wrap(payload);
        for (ByteBuffer view : run.views()) {
            int n = view.remaining();
            view.put(from.slice(from.position(), n));
            from.position(from.position() + n);
        }
        assertThat(pages.install(run)).isEqualTo(count);
        byte[] now = Arrays.copyOf(expected, (int) offset + count);
        System.arraycopy(payload, 0, now, (int) offset, count);
        assertThat(pages.size()).isEqualTo(offset + count);
        BufferSpan all = pages.span(0, 5 * PAGE);
        assertThat(bytesOf(all)).isEqualTo(now);
        all.release();
        pages.truncate(4L * PAGE);
        ByteBuffer past = ByteBuffer.allocate(PAGE / 2);
        assertThat(pages.read(offset + count, past)).isEqualTo(PAGE / 2);
        assertThat(past.array()).as("the new page, cleared past the write (it came from the pool)").containsOnly(0);
        assertThat(bytesOf(old)).as("a span of a page replaced whole keeps the old bytes")
                .isEqualTo(Arrays.copyOfRange(expected, PAGE, 2 * PAGE));
        assertThat(space.used.get()).isEqualTo(4L * PAGE);
        assertThat(space.pool.idle()).as("page 2 replaced, the run's page 0 copied").isEqualTo(2);
        old.release();
        assertThat(space.pool.idle()).isEqualTo(3);
    }

    @Test
    void aRunTheTreeHasNoRoomForChangesNothingAndGoesBackToThePool() throws ErrnoException {
        MemoryFileServer.Space small = new MemoryFileServer.Space(2L * PAGE);
        Pages p = new Pages(small);
        p.write(0, ByteBuffer.wrap(new byte[] {1}));
        PageRun run = new PageRun(small.pool, 10, 2 * PAGE);
        assertThatThrownBy(() -> p.install(run))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOSPC.number()));
        run.discard();
        assertThat(small.pool.idle()).isEqualTo(3);
        assertThat(small.used.get()).isEqualTo(PAGE);
        assertThat(p.size()).isEqualTo(1);
        assertThatThrownBy(() -> new PageRun(small.pool, Long.MAX_VALUE - 10, PAGE))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EFBIG.number()));
        assertThatThrownBy(() -> new PageRun(small.pool, Pages.MAX_SIZE - 10, 11))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EFBIG.number()));
        assertThatThrownBy(() -> p.write(Pages.MAX_SIZE, ByteBuffer.wrap(new byte[] {1})))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EFBIG.number()));
        assertThatThrownBy(() -> p.truncate(Pages.MAX_SIZE + 1))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EFBIG.number()));
        assertThat(small.pool.idle()).isEqualTo(3);
    }

    @Test
    void aJvmOutOfDirectMemoryAnswersEnospcAndSaysWhatToRaise() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-XX:MaxDirectMemorySize=1m", "-cp",
                System.getProperty("java.class.path"), FillDirectMemory.class.getName())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("errno " + Errno.ENOSPC.number()).contains("-XX:MaxDirectMemorySize")
                .contains("space given back: true");
    }

    /** Run in a JVM with 1 MiB of direct memory: writes 4 MiB into a tree that would take 64. */
    public static final class FillDirectMemory {
        public static void main(String[] args) {
            MemoryFileServer.Space space = new MemoryFileServer.Space(64L << 20);
            Pages pages = new Pages(space);
            try {
                pages.write(0, ByteBuffer.allocate(4 << 20));
                System.out.println("no error");
            } catch (ErrnoException e) {
                System.out.println("errno " + e.errno() + ": " + e.getMessage());
                System.out.println("space given back: " + (space.used.get() == pages.allocated()));
            }
        }
    }

    @Test
    void theTreesCapacityCountsPages() throws ErrnoException {
        MemoryFileServer.Space small = new MemoryFileServer.Space(2L * PAGE);
        Pages p = new Pages(small);
        p.write(0, ByteBuffer.allocate(2 * PAGE));
        assertThatThrownBy(() -> p.write(2 * PAGE, ByteBuffer.allocate(1)))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOSPC.number()));
        assertThat(small.used.get()).isEqualTo(2L * PAGE);
    }

    private static byte[] bytesOf(BufferSpan span) {
        return bytesOf(List.of(span.buffers()));
    }

    private static byte[] bytesOf(List<ByteBuffer> views) {
        int n = views.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer all = ByteBuffer.allocate(n);
        views.forEach(v -> all.put(v.duplicate()));
        return all.array();
    }
}
