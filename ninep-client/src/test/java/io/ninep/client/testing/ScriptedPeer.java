package io.ninep.client.testing;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.Strictness;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.codec.FrameEncoder;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Message;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rversion;
import io.ninep.protocol.message.TMessage;
import io.ninep.protocol.message.Tversion;
import io.ninep.transport.Transport;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fake 9P server driven by a test, step by step and byte by byte, in the manner of okhttp's
 * MockHttp2Peer: the test says what frame it expects next from the client and what bytes to
 * answer, so flush races and odd orders happen exactly as scripted, with no sleeps.
 *
 * <p>Frames from the client are read by a virtual thread into a queue; {@link #expect} takes
 * the next one, waiting at most {@link #TIMEOUT} (a safety net against a hung test, never a way
 * to provoke a race). To show that the client sent nothing in between two steps, make it send
 * something else and {@link #expect} that as the next frame.
 *
 * <p>Received frames are decoded strictly: the client's own output must be exact.
 */
public final class ScriptedPeer implements Closeable {
    /** The longest {@link #expect} waits for a frame. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** A frame the client sent. */
    public record Received(int tag, TMessage message, byte[] bytes) {
        @SuppressWarnings("unchecked")
        public <T extends TMessage> T as(Class<T> type) {
            if (!type.isInstance(message)) {
                throw new AssertionError("expected " + type.getSimpleName() + ", client sent " + message);
            }
            return (T) message;
        }
    }

    private static final byte[] EOF = new byte[0];

    private final Transport transport;
    private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    private final Thread readerThread;
    private volatile Dialect dialect = Dialect.P9P2000_L;
    private volatile int msize = 1 << 30;
    private volatile Throwable readFailure;

    public ScriptedPeer(Transport transport) {
        this.transport = transport;
        this.readerThread = Thread.ofVirtual().name("scripted-peer-reader").start(this::readLoop);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Sets the dialect replies are encoded in and requests decoded in. */
    public void dialect(Dialect d) {
        this.dialect = d;
    }

    private void readLoop() {
        ByteBuffer size = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (true) {
                size.clear();
                while (size.hasRemaining()) {
                    if (transport.read(size) < 0) {
                        frames.add(EOF);
                        return;
                    }
                }
                int n = size.getInt(0);
                ByteBuffer frame = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
                frame.putInt(n);
                transport.readFully(frame);
                frames.add(frame.array());
            }
        } catch (IOException e) {
            readFailure = e;
            frames.add(EOF);
        }
    }

    /** The next frame from the client. */
    public Received expect() throws IOException, InterruptedException {
        byte[] bytes = frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (bytes == null) {
            throw new AssertionError("the client sent nothing within " + TIMEOUT);
        }
        if (bytes == EOF) {
            frames.add(EOF);
            throw new AssertionError("the client closed the connection" + (readFailure == null ? "" : ": " + readFailure));
        }
        Frame f;
        try {
            f = new FrameDecoder(dialect, msize, Strictness.STRICT, q -> { }).decode(ByteBuffer.wrap(bytes));
        } catch (ProtocolException e) {
            throw new AssertionError("the client sent a malformed frame: " + e.getMessage(), e);
        }
        if (!(f.body() instanceof TMessage t)) {
            throw new AssertionError("the client sent a reply: " + f.body());
        }
        return new Received(f.tag(), t, bytes);
    }

    /** The next frame, which must be a {@code type}. */
    public <T extends TMessage> T expect(Class<T> type) throws IOException, InterruptedException {
        return expect().as(type);
    }

    /** The next frame, which must be a {@code type}; with its tag. */
    public Received expectFrame(Class<? extends TMessage> type) throws IOException, InterruptedException {
        Received r = expect();
        r.as(type);
        return r;
    }

    /** Waits until the client closes its side (the peer reads end-of-stream). */
    public void expectClosed() throws InterruptedException {
        byte[] bytes = frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (bytes != EOF) {
            throw new AssertionError(bytes == null ? "the client did not close within " + TIMEOUT
                    : "expected the client to close, it sent " + bytes.length + " bytes");
        }
        frames.add(EOF);
    }

    /** Whether a frame from the client is already waiting (never waits). */
    public boolean hasPendingFrame() {
        byte[] head = frames.peek();
        return head != null && head != EOF;
    }

    /** Answers Tversion: the next frame must be one; the reply carries {@code answerMsize} and {@code version}. */
    public Tversion handshake(int answerMsize, String version) throws IOException, InterruptedException {
        Received r = expect();
        Tversion tv = r.as(Tversion.class);
        if (r.tag() != P9.NOTAG) {
            throw new AssertionError("Tversion with tag " + r.tag());
        }
        send(P9.NOTAG, new Rversion(answerMsize, version));
        Dialect.fromVersionString(version).ifPresent(d -> dialect = d);
        if (Integer.compareUnsigned(answerMsize, tv.msize()) <= 0 && answerMsize > 0) {
            msize = answerMsize;
        }
        return tv;
    }

    /** Answers Tversion with the client's own dialect and {@code answerMsize}. */
    public Tversion handshake(int answerMsize) throws IOException, InterruptedException {
        return handshake(answerMsize, Dialect.P9P2000_L.versionString());
    }

    /** Writes a whole reply frame. */
    public void send(int tag, RMessage reply) throws IOException {
        sendRaw(encode(tag, reply));
    }

    /** Writes a frame in pieces of at most {@code piece} bytes, one write each. */
    public void sendInPieces(int tag, RMessage reply, int piece) throws IOException {
        byte[] all = encode(tag, reply);
        for (int i = 0; i < all.length; i += piece) {
            sendRaw(java.util.Arrays.copyOfRange(all, i, Math.min(all.length, i + piece)));
        }
    }

    /** The bytes of a frame, as this peer would send it. */
    public byte[] encode(int tag, Message body) {
        ByteBuffer b = FrameEncoder.encode(new Frame(tag, body), dialect);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Writes raw bytes. */
    public void sendRaw(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        transport.write(new ByteBuffer[] {b}, 0, 1);
    }

    /** Hangs up: the client reads end-of-stream. */
    public void disconnect() throws IOException {
        transport.close();
    }

    @Override
    public void close() throws IOException {
        transport.close();
        try {
            readerThread.join(TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
