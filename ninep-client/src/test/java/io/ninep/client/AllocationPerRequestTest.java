package io.ninep.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ninep.client.testing.Fixtures;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.codec.FrameEncoder;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rattach;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rversion;
import io.ninep.protocol.message.Tattach;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Tversion;
import io.ninep.transport.DialAddress;
import io.ninep.transport.Dialer;
import io.ninep.transport.Listener;
import io.ninep.transport.PipePair;
import io.ninep.transport.Transport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The heap the client allocates per small request, one in flight (issue 5: at most 256 bytes
 * for a Tgetattr, at any msize). What a Tgetattr must allocate is the message and its decoded
 * reply (Tgetattr, Rgetattr, Attr, Qid: 232 bytes with compressed class pointers); the engine
 * around it (request objects, tags, buffers, waking the writer and the caller) must add
 * nothing that grows with the requests.
 *
 * <p>What is counted: every thread of this JVM ({@code getTotalThreadAllocatedBytes}, which
 * includes threads that ended and what virtual threads allocate on their carriers), minus the
 * answering peer's own thread, a platform thread whose bytes are known exactly. So the caller,
 * the connection's reader and writer, and whatever JDK machinery they set going (schedulers,
 * pollers) are all in; stray bytes of unrelated threads can only make the figure larger. Each
 * case warms up first (so the JIT has compiled the path, as in a long-running client), then
 * measures up to {@value #ROUNDS} rounds and takes the best average: a regression shows in
 * every round, a late compilation or a background thread's burst in one.
 */
class AllocationPerRequestTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int LIMIT_BYTES = 256;
    private static final int WARM_UP_CALLS = 10_000;
    private static final int MEASURED_CALLS = 20_000;
    private static final int ROUNDS = 3;
    private static final int READ_SIZE = 4096;

    @ParameterizedTest
    @ValueSource(ints = {64 * 1024, 4 << 20, 128 << 20})
    void aTgetattrCostsTheClientAtMost256Bytes(int msize) throws Exception {
        try (Peer peer = Peer.start(msize, PipePair.open()); Session session = Session.open(peer.clientSide(), ClientConfig.defaults().withMsize(msize));
             Fid root = session.attach("glenda", "")) {
            double perCall = bestAverage(peer, () -> root.getattr(Attr.BASIC));

            assertThat(perCall).as("heap bytes per Tgetattr at msize %d", msize).isLessThanOrEqualTo(LIMIT_BYTES);
        }
    }

    /** Over TCP a caller on an idle connection sends its own request (send(2) through FFM): that costs nothing either. */
    @ParameterizedTest
    @ValueSource(ints = {64 * 1024, 128 << 20})
    void aTgetattrOverTcpCostsTheClientAtMost256Bytes(int msize) throws Exception {
        try (Peer peer = Peer.start(msize, tcpPair()); Session session = Session.open(peer.clientSide(), ClientConfig.defaults().withMsize(msize));
             Fid root = session.attach("glenda", "")) {
            assertThat(peer.clientSide().sendsNow()).as("callers send their own requests").isTrue();
            double perCall = bestAverage(peer, () -> root.getattr(Attr.BASIC));

            assertThat(perCall).as("heap bytes per Tgetattr over TCP at msize %d", msize).isLessThanOrEqualTo(LIMIT_BYTES);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {64 * 1024})
    void aTreadIntoTheCallersBufferCostsTheClientAtMost256Bytes(int msize) throws Exception {
        try (Peer peer = Peer.start(msize, PipePair.open()); Session session = Session.open(peer.clientSide(), ClientConfig.defaults().withMsize(msize));
             Fid file = session.attach("glenda", "")) {
            file.open(LinuxOpenFlags.O_RDONLY);
            ByteBuffer into = ByteBuffer.allocateDirect(READ_SIZE);
            double perCall = bestAverage(peer, () -> {
                into.clear();
                if (file.read(0, into) != READ_SIZE) {
                    throw new AssertionError("short read");
                }
            });

            assertThat(perCall).as("heap bytes per Tread at msize %d", msize).isLessThanOrEqualTo(LIMIT_BYTES);
        }
    }

    /** Both ends of a TCP loopback connection, as a pair of transports. */
    private static PipePair tcpPair() throws Exception {
        try (Listener listener = Listener.bind(new DialAddress.Tcp("127.0.0.1", 0));
             var accepting = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Transport> server = accepting.submit(listener::accept);
            Transport client = Dialer.dial(listener.address(), Duration.ofSeconds(5));
            return new PipePair(client, server.get());
        }
    }

    private interface Call {
        void run() throws IOException;
    }

    /**
     * The heap bytes per call that the client's side allocated: the first round's average that
     * is within the limit, or else the least of {@value #ROUNDS}.
     */
    private static double bestAverage(Peer peer, Call call) throws IOException {
        assumeTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count allocated bytes per thread");
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            call.run();
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long before = THREADS.getTotalThreadAllocatedBytes() - peer.allocatedBytes();
            for (int i = 0; i < MEASURED_CALLS; i++) {
                call.run();
            }
            long after = THREADS.getTotalThreadAllocatedBytes() - peer.allocatedBytes();
            best = Math.min(best, (double) (after - before) / MEASURED_CALLS);
            if (best <= LIMIT_BYTES) {
                break;
            }
        }
        return best;
    }

    /**
     * A server that answers just what these cases send, on a platform thread of its own (so
     * that its allocations can be told apart from the client's): Tversion, Tattach, Tlopen,
     * Tgetattr, Tread (4 KiB of zeros), Tclunk.
     */
    private static final class Peer implements AutoCloseable {
        private final PipePair pipes;
        private final int msize;
        private final Thread thread;

        private Peer(PipePair pipes, int msize) {
            this.pipes = pipes;
            this.msize = msize;
            this.thread = Thread.ofPlatform().daemon().name("allocation-test peer").unstarted(this::serve);
        }

        static Peer start(int msize, PipePair ends) {
            Peer p = new Peer(ends, msize);
            p.thread.start();
            return p;
        }

        Transport clientSide() {
            return pipes.client();
        }

        long allocatedBytes() {
            return THREADS.getThreadAllocatedBytes(thread.threadId());
        }

        private void serve() {
            Transport t = pipes.server();
            FrameDecoder decoder = new FrameDecoder(Dialect.P9P2000_L, msize);
            ByteBuffer frame = ByteBuffer.allocate(8192).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer data = ByteBuffer.allocate(READ_SIZE);
            try {
                while (true) {
                    frame.clear().limit(4);
                    if (!readFully(t, frame)) {
                        return;
                    }
                    frame.limit(frame.getInt(0));
                    if (!readFully(t, frame)) {
                        return;
                    }
                    Frame request = decoder.decode(frame.flip());
                    RMessage reply = switch (request.body()) {
                        case Tversion v -> new Rversion(Math.min(v.msize(), msize), Dialect.P9P2000_L.versionString());
                        case Tattach a -> new Rattach(Fixtures.qid(1));
                        case Tlopen o -> new Rlopen(Fixtures.qid(1), 0);
                        case Tgetattr g -> new Rgetattr(Fixtures.attr(1, READ_SIZE));
                        case Tread r -> new Rread(data.clear().limit(Math.min(r.count(), READ_SIZE)));
                        case Tclunk c -> Rclunk.INSTANCE;
                        default -> throw new AssertionError("unexpected " + request.body());
                    };
                    ByteBuffer out = FrameEncoder.encode(new Frame(request.tag(), reply), Dialect.P9P2000_L);
                    t.write(new ByteBuffer[] {out}, 0, 1);
                }
            } catch (IOException e) {
                // the client went away; the test sees its own failure, if any
            }
        }

        private static boolean readFully(Transport t, ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                if (t.read(b) < 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException, InterruptedException {
            pipes.server().close();
            thread.join();
            pipes.client().close();
        }
    }
}
