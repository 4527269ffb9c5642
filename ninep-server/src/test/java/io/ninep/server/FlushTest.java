package io.ninep.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Errno;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Rflush;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Rlerror;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Tflush;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Tread;
import io.ninep.server.memory.MemoryFileServer;
import io.ninep.server.memory.MemoryStream;
import io.ninep.server.memory.SyntheticFile;
import io.ninep.server.spi.OpenFlags;
import io.ninep.server.testing.RawClient;
import io.ninep.server.testing.ServerFixture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tflush as flush(5) has it, driven frame by frame. Orderings are forced with backends that
 * wait for an event (the handler's interruption, a latch the test opens), and "the reader has
 * seen these frames" is established by a probe request sent after them whose reply comes back
 * (the reader handles frames in order). Nothing here waits for time to pass.
 */
class FlushTest {
    private MemoryFileServer fs;
    private MemoryStream events;
    private CountDownLatch gate;
    private ServerFixture fixture;
    private RawClient c;

    @BeforeEach
    void setUp() throws IOException {
        fs = new MemoryFileServer();
        events = fs.root().stream("events");
        // Completes even when flushed: waits for the interruption a Tflush brings, then answers.
        fs.root().synthetic("stubborn", 0444, new SyntheticFile() {
            @Override
            public int read(long offset, ByteBuffer dst) {
                while (!Thread.currentThread().isInterrupted()) {
                    LockSupport.park(this);
                }
                dst.put("late".getBytes(StandardCharsets.UTF_8));
                return 4;
            }
        });
        gate = new CountDownLatch(1);
        // Ignores interruption; answers when the test opens the gate.
        fs.root().synthetic("gated", 0444, new SyntheticFile() {
            @Override
            public int read(long offset, ByteBuffer dst) {
                boolean interrupted = false;
                while (true) {
                    try {
                        gate.await();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                dst.put("open".getBytes(StandardCharsets.UTF_8));
                return 4;
            }
        });
        fs.root().file("hello", "hello");
        fixture = new ServerFixture(fs, ServerConfig.defaults());
        c = fixture.connect();
        c.start(8192);
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.assertQuiet(c);
        fixture.close();
    }

    private void open(int fid, String name) throws IOException {
        c.walk(2, 0, fid, name);
        c.call(3, new Tlopen(fid, OpenFlags.O_RDONLY), Rlopen.class);
    }

    /** A request whose reply proves the reader has handled every frame sent before it. */
    private void probe(int tag) throws IOException {
        c.send(tag, new Tgetattr(0, Attr.BASIC));
        c.expect(tag, Rgetattr.class);
    }

    @Test
    void flushOfAnUnknownTagIsAnsweredAtOnce() throws IOException {
        c.send(7, new Tflush(42));
        c.expect(7, Rflush.class);
    }

    @Test
    void flushOfAFinishedRequestIsAnsweredAtOnce() throws IOException {
        open(10, "hello");
        c.call(20, new Tread(10, 0, 100), Rread.class);
        c.send(21, new Tflush(20));
        c.expect(21, Rflush.class);
    }

    @Test
    void abortedReadGetsNoReplyOnlyTheRflush() throws Exception {
        open(10, "events");
        c.send(20, new Tread(10, 0, 100));
        c.send(21, new Tflush(20));
        c.expect(21, Rflush.class);
        // The stream read ended without a reply: the next frame is the probe's, and the stream
        // no longer has the read waiting on it once the fid is clunked.
        probe(22);
        assertThat(c.inboxEmpty()).isTrue();
        events.publish("after");
        c.send(23, new Tread(10, 0, 100));
        assertThat(text(c.expect(23, Rread.class))).isEqualTo("after");
    }

    @Test
    void requestThatCompletesDespiteTheFlushIsAnsweredBeforeTheRflush() throws IOException {
        open(10, "stubborn");
        c.send(20, new Tread(10, 0, 100));
        c.send(21, new Tflush(20));
        // flush(5): if the request completed, its reply comes first, then the Rflush.
        assertThat(text(c.expect(20, Rread.class))).isEqualTo("late");
        c.expect(21, Rflush.class);
    }

    @Test
    void severalFlushesOfOneRequestAreAnsweredInOrderAfterItsReply() throws IOException {
        open(10, "gated");
        c.send(20, new Tread(10, 0, 100));
        c.send(21, new Tflush(20));
        c.send(22, new Tflush(20));
        c.send(23, new Tflush(20));
        probe(24);   // all three flushes are now attached to tag 20
        gate.countDown();
        assertThat(text(c.expect(20, Rread.class))).isEqualTo("open");
        c.expect(21, Rflush.class);
        c.expect(22, Rflush.class);
        c.expect(23, Rflush.class);
    }

    @Test
    void severalFlushesOfAnAbortedRequestAreAnsweredInOrder() throws IOException {
        open(10, "events");
        c.send(20, new Tread(10, 0, 100));
        c.send(21, new Tflush(20));
        c.send(22, new Tflush(20));
        c.expect(21, Rflush.class);
        c.expect(22, Rflush.class);
        probe(23);
    }

    @Test
    void aFlushOfAFlushIsAnsweredAfterIt() throws IOException {
        open(10, "gated");
        c.send(20, new Tread(10, 0, 100));
        c.send(21, new Tflush(20));
        c.send(22, new Tflush(21));
        probe(23);
        gate.countDown();
        c.expect(20, Rread.class);
        c.expect(21, Rflush.class);
        c.expect(22, Rflush.class);
    }

    @Test
    void aTagInFlightIsRefusedAndTheOriginalGoesOn() throws IOException {
        open(10, "events");
        c.send(20, new Tread(10, 0, 100));
        c.send(20, new Tgetattr(0, Attr.BASIC));
        assertThat(c.expect(20, Rlerror.class).errno()).isEqualTo(Errno.EBADMSG.number());
        probe(21);
        events.publish("still here");
        assertThat(text(c.expect(20, Rread.class))).isEqualTo("still here");
    }

    @Test
    void aFlushWhoseTagIsInFlightIsRefusedAndFlushesNothing() throws IOException {
        open(10, "events");
        c.send(20, new Tread(10, 0, 100));
        c.send(20, new Tflush(20));
        assertThat(c.expect(20, Rlerror.class).errno()).isEqualTo(Errno.EBADMSG.number());
        events.publish("x");
        assertThat(text(c.expect(20, Rread.class))).isEqualTo("x");
    }

    @Test
    void aTagIsFreeAgainOnceItsReplyIsOut() throws IOException {
        open(10, "hello");
        for (int i = 0; i < 50; i++) {
            c.call(20, new Tread(10, 0, 5), Rread.class);
        }
    }

    @Test
    void flushesInterleavedWithManyRequestsKeepEveryOrderingRule() throws IOException {
        open(10, "events");
        open(11, "hello");
        // Tags 100..163 read the stream and are flushed; tags 200..263 read a file and answer.
        for (int i = 0; i < 64; i++) {
            c.send(100 + i, new Tread(10, 0, 10));
            c.send(200 + i, new Tread(11, 0, 5));
            c.send(300 + i, new Tflush(100 + i));
        }
        boolean[] flushed = new boolean[64];
        int files = 0;
        for (int n = 0; n < 128; n++) {
            Frame f = c.receive();
            if (f.body() instanceof Rflush) {
                assertThat(f.tag()).isBetween(300, 363);
                flushed[f.tag() - 300] = true;
            } else {
                assertThat(f.body()).isInstanceOf(Rread.class);
                assertThat(f.tag()).isBetween(200, 263);
                files++;
            }
        }
        assertThat(files).isEqualTo(64);
        assertThat(flushed).containsOnly(true);
        probe(1);
    }

    private static String text(Rread r) {
        ByteBuffer d = r.data().duplicate();
        byte[] b = new byte[d.remaining()];
        d.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
