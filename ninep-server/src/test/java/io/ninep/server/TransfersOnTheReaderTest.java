package io.ninep.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rflush;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rwrite;
import io.ninep.protocol.message.TMessage;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tflush;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Twrite;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.FileServer;
import io.ninep.server.spi.Identity;
import io.ninep.server.spi.OpenFile;
import io.ninep.server.testing.RawClient;
import io.ninep.server.testing.ServerFixture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reads and writes (large and small) of a file whose transfers wait for nothing but memory run on
 * the connection's reader, one thread for all of them; those of a file that may wait each get a
 * thread of their own. Told by the thread each read or write of a recording file ran on.
 */
@Timeout(30)
class TransfersOnTheReaderTest {
    private static final int LARGE = Dispatcher.SPAN_THRESHOLD;
    private static final int SMALL = 100;

    @Test
    void readsOfAFileThatNeverWaitsRunOnTheReader() throws Exception {
        assertThat(Set.copyOf(reads(new RecordingFile(true), LARGE, 3))).as("one thread ran every large read").hasSize(1);
        assertThat(Set.copyOf(reads(new RecordingFile(true), SMALL, 3))).as("one thread ran every small read").hasSize(1);
    }

    @Test
    void readsOfAFileThatMayWaitEachHaveAThreadOfTheirOwn() throws Exception {
        assertThat(Set.copyOf(reads(new RecordingFile(false), LARGE, 3))).hasSize(3);
        assertThat(Set.copyOf(reads(new RecordingFile(false), SMALL, 3))).hasSize(3);
    }

    /** Writes whose payload comes in the frame (below the size spliced from the connection). */
    @Test
    void writesOfAFileThatNeverWaitsRunOnTheReader() throws Exception {
        RecordingFile file = new RecordingFile(true);
        assertThat(Set.copyOf(writes(file, SMALL, 3))).as("one thread ran every write").hasSize(1);
        assertThat(file.written).isEqualTo(3 * SMALL);
    }

    @Test
    void writesOfAFileThatMayWaitEachHaveAThreadOfTheirOwn() throws Exception {
        RecordingFile file = new RecordingFile(false);
        assertThat(Set.copyOf(writes(file, SMALL, 3))).hasSize(3);
        assertThat(file.written).isEqualTo(3 * SMALL);
    }

    /** A Tflush sent behind a read run on the reader finds it answered: Rread, then Rflush. */
    @Test
    void aFlushBehindAReadOnTheReaderComesAfterItsReply() throws Exception {
        RecordingFile file = new RecordingFile(true);
        try (ServerFixture fixture = new ServerFixture(new OneFileServer(file), ServerConfig.defaults())) {
            RawClient c = fixture.connect();
            open(c);
            c.send(20, new Tread(2, 0, LARGE));
            c.send(21, new Tflush(20));
            assertThat(c.expect(20, Rread.class).data().remaining()).isEqualTo(LARGE);
            c.expect(21, Rflush.class);
            c.call(22, new Tclunk(2), Rclunk.class);
            fixture.assertQuiet(c);
        }
        assertThat(file.threads).hasSize(1);
    }

    /** The threads that ran {@code n} reads of {@code count} bytes, sent together on one connection. */
    private static List<Thread> reads(RecordingFile file, int count, int n) throws Exception {
        return transfers(file, n, i -> new Tread(2, (long) i * count, count),
                body -> assertThat(body).isInstanceOfSatisfying(Rread.class, r -> assertThat(r.data().remaining()).isEqualTo(count)));
    }

    /** The threads that ran {@code n} writes of {@code count} bytes, sent together on one connection. */
    private static List<Thread> writes(RecordingFile file, int count, int n) throws Exception {
        return transfers(file, n, i -> new Twrite(2, (long) i * count, ByteBuffer.allocate(count)),
                body -> assertThat(body).isInstanceOfSatisfying(Rwrite.class, w -> assertThat(w.count()).isEqualTo(count)));
    }

    /**
     * Sends the {@code n} requests {@code request} makes together, checks each reply with
     * {@code reply}, and returns the threads the file noted.
     */
    private static List<Thread> transfers(RecordingFile file, int n, IntFunction<TMessage> request,
            Consumer<Object> reply) throws Exception {
        file.threads.clear();
        try (ServerFixture fixture = new ServerFixture(new OneFileServer(file), ServerConfig.defaults())) {
            RawClient c = fixture.connect();
            open(c);
            for (int i = 0; i < n; i++) {
                c.send(10 + i, request.apply(i));
            }
            List<Integer> answered = new ArrayList<>();
            for (int i = 0; i < n; i++) {   // in any order: requests on threads of their own may overtake
                Frame f = c.receive();
                reply.accept(f.body());
                answered.add(f.tag());
            }
            assertThat(answered).containsExactlyInAnyOrderElementsOf(IntStream.range(10, 10 + n).boxed().toList());
            c.call(30, new Tclunk(2), Rclunk.class);
            fixture.assertQuiet(c);
        }
        return List.copyOf(file.threads);
    }

    private static void open(RawClient c) throws IOException {
        c.start(256 * 1024);
        c.walk(2, 0, 2, "f");
        c.call(3, new Tlopen(2, 2), Rlopen.class);   // O_RDWR
    }

    /** An open file that fills reads with zeros, counts what is written, and notes the thread each ran on. */
    private static final class RecordingFile implements OpenFile {
        final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        volatile int written;
        private final boolean withoutWaiting;

        RecordingFile(boolean withoutWaiting) {
            this.withoutWaiting = withoutWaiting;
        }

        @Override
        public Qid qid() {
            return new Qid(Qid.FILE, 0, 2);
        }

        @Override
        public int read(long offset, ByteBuffer dst) {
            threads.add(Thread.currentThread());
            int n = dst.remaining();
            dst.position(dst.position() + n);
            return n;
        }

        @Override
        public synchronized int write(long offset, ByteBuffer src) {
            threads.add(Thread.currentThread());
            int n = src.remaining();
            src.position(src.limit());
            written += n;
            return n;
        }

        @Override
        public boolean transfersWithoutWaiting() {
            return withoutWaiting;
        }
    }

    /** A root directory holding one file, "f", whose opens are {@code file}. */
    private record OneFileServer(RecordingFile file) implements FileServer {
        @Override
        public FileNode attach(Identity user, String aname) {
            return new Node(new Qid(Qid.DIR, 0, 1), this);
        }
    }

    private record Node(Qid qid, OneFileServer server) implements FileNode {
        @Override
        public List<FileNode> walk(List<String> names) throws IOException {
            if (!qid.isDirectory() || !names.equals(List.of("f"))) {
                throw new ErrnoException(Errno.ENOENT, String.join("/", names));
            }
            return List.of(new Node(server.file.qid(), server));
        }

        @Override
        public FileNode duplicate() {
            return this;
        }

        @Override
        public OpenFile open(int linuxFlags) {
            return server.file;
        }

        @Override
        public Attr getattr(long mask) throws IOException {
            throw new ErrnoException(Errno.ENOSYS, "not needed here");
        }
    }
}
