package io.ninep.server.testing;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.Strictness;
import io.ninep.protocol.codec.FcallFormat;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.codec.FrameEncoder;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Message;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rattach;
import io.ninep.protocol.message.Rversion;
import io.ninep.protocol.message.Rwalk;
import io.ninep.protocol.message.TMessage;
import io.ninep.protocol.message.Tattach;
import io.ninep.protocol.message.Tversion;
import io.ninep.protocol.message.Twalk;
import io.ninep.transport.FrameHeader;
import io.ninep.transport.FrameReader;
import io.ninep.transport.SocketTransport;
import io.ninep.transport.Transport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A 9P client for tests that writes exactly the frames it is told to, byte for byte, and hands
 * back every frame the server sends, in order. It keeps no state of its own beyond the dialect
 * (switched when it reads an Rversion), so a test can send anything: duplicate tags, a Tflush
 * for a request still running, a reply type, half a frame, garbage.
 *
 * <p>A reader thread decodes incoming frames strictly (a server encoding mistake fails the test)
 * into a queue; {@link #receive} waits for the next one for at most {@link #TIMEOUT}, which only
 * bounds how long a broken server can hang a test. Orderings are tested by what arrives and in
 * which order, never by waiting for time to pass.
 */
public final class RawClient implements AutoCloseable {
    /** How long {@link #receive} waits before it fails the test. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Transport transport;
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Thread readerThread;
    private volatile Dialect dialect = Dialect.P9P2000_L;
    /** The dialect replies are decoded in: set by a Tversion sent, then by the Rversion received. */
    private volatile Dialect replyDialect = Dialect.P9P2000_L;
    private volatile boolean trace;
    private final Object readingGate = new Object();
    private boolean reading = true;   // under readingGate

    /** Marks the end of the stream in the inbox. */
    private record Closed(Throwable cause) {
    }

    public RawClient(Transport transport) {
        this.transport = transport;
        this.readerThread = Thread.ofVirtual().name("raw client reader").start(this::readLoop);
    }

    public Transport transport() {
        return transport;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Encodes later requests in {@code d} (the reader switches by itself on an Rversion). */
    public void dialect(Dialect d) {
        this.dialect = d;
        this.replyDialect = d;
    }

    /** Prints every frame to stderr (for debugging a test). */
    public RawClient trace(boolean on) {
        this.trace = on;
        return this;
    }

    private void readLoop() {
        FrameReader reader = new FrameReader(transport, -1);   // accept any size: the test checks
        FrameDecoder decoder = new FrameDecoder(Dialect.P9P2000_L, -1, Strictness.STRICT, q -> {});
        FrameHeader h = new FrameHeader();
        try {
            while (awaitReading() && reader.readHeader(h)) {
                ByteBuffer b = ByteBuffer.allocate(h.size()).order(ByteOrder.LITTLE_ENDIAN);
                b.putInt(h.size()).put((byte) h.type()).putShort((short) h.tag());
                reader.readBody(b, h.bodySize());
                b.flip();
                Frame f;
                try {
                    if (decoder.dialect() != replyDialect) {
                        decoder.renegotiated(replyDialect, -1);
                    }
                    f = decoder.decode(b);
                } catch (ProtocolException e) {
                    inbox.add(new AssertionError("the server sent a frame that does not decode: " + e.getMessage(), e));
                    continue;
                }
                if (f.body() instanceof Rversion r) {
                    Dialect.fromVersionString(r.version()).ifPresent(d -> {
                        replyDialect = d;
                        dialect = d;
                    });
                }
                if (trace) {
                    System.err.println("raw <- " + FcallFormat.format(f));
                }
                inbox.add(f);
            }
            inbox.add(new Closed(null));
        } catch (IOException e) {
            inbox.add(new Closed(e));
        }
    }

    /** Blocks while reading is stopped; true once the reader may go on. */
    private boolean awaitReading() throws IOException {
        synchronized (readingGate) {
            while (!reading) {
                try {
                    readingGate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("the raw client's reader was interrupted");
                }
            }
        }
        return true;
    }

    /**
     * Stops taking frames off the connection after the one being read (if any): the server's
     * replies then fill the socket's buffers, as with a client that stopped reading.
     */
    public void stopReading() {
        synchronized (readingGate) {
            reading = false;
        }
    }

    /** Takes frames off the connection again. */
    public void resumeReading() {
        synchronized (readingGate) {
            reading = true;
            readingGate.notifyAll();
        }
    }

    // ---- sending -------------------------------------------------------------------------------

    /** Sends one request with {@code tag}, encoded in the current dialect. */
    public void send(int tag, TMessage m) throws IOException {
        if (m instanceof Tversion v) {
            Dialect.fromVersionString(v.version()).ifPresent(d -> replyDialect = d);
        }
        if (trace) {
            System.err.println("raw -> " + FcallFormat.format(new Frame(tag, m)));
        }
        sendRaw(FrameEncoder.encode(new Frame(tag, m), dialect));
    }

    /** Sends any message, replies included, as they are. */
    public void sendAny(int tag, Message m) throws IOException {
        sendRaw(FrameEncoder.encode(new Frame(tag, m), dialect));
    }

    public void sendRaw(byte[] bytes) throws IOException {
        sendRaw(ByteBuffer.wrap(bytes));
    }

    public void sendRaw(ByteBuffer bytes) throws IOException {
        transport.write(new ByteBuffer[] {bytes}, 0, 1);
    }

    /** Ends the client's writing side: the server reads end of stream. */
    public void shutdownOutput() throws IOException {
        if (transport instanceof SocketTransport s) {
            s.shutdownOutput();
        } else {
            throw new UnsupportedOperationException("half-close on " + transport.kind());
        }
    }

    // ---- receiving -----------------------------------------------------------------------------

    /** The next frame the server sent; fails if none comes within {@link #TIMEOUT} or the connection ended. */
    public Frame receive() {
        Object o = next();
        if (o instanceof Closed c) {
            throw new AssertionError("the server closed the connection instead of replying", c.cause());
        }
        return (Frame) o;
    }

    /** The next frame, which must carry {@code tag} and be a {@code type}. */
    public <R extends RMessage> R expect(int tag, Class<R> type) {
        Frame f = receive();
        if (f.tag() != tag || !type.isInstance(f.body())) {
            throw new AssertionError("expected " + type.getSimpleName() + " tag " + tag + ", got "
                    + FcallFormat.format(f));
        }
        return type.cast(f.body());
    }

    /** Sends a request and returns its reply, which must be the next frame and carry its tag. */
    public RMessage rpc(int tag, TMessage m) throws IOException {
        send(tag, m);
        Frame f = receive();
        if (f.tag() != tag) {
            throw new AssertionError("sent tag " + tag + " (" + m.type() + "), got " + FcallFormat.format(f));
        }
        return (RMessage) f.body();
    }

    /** As {@link #rpc}, requiring a reply of {@code type} (an error reply fails with its errno). */
    public <R extends RMessage> R call(int tag, TMessage m, Class<R> type) throws IOException {
        RMessage r = rpc(tag, m);
        if (!type.isInstance(r)) {
            throw new AssertionError(m.type() + " tag " + tag + ": expected " + type.getSimpleName() + ", got "
                    + FcallFormat.format(new Frame(tag, r)));
        }
        return type.cast(r);
    }

    /** Waits for the server to close the connection; fails if a frame comes first. */
    public void expectClosed() {
        Object o = next();
        if (o instanceof Frame f) {
            throw new AssertionError("expected the connection to close, got " + FcallFormat.format(f));
        }
    }

    /** Whether nothing has arrived that a test did not take yet. */
    public boolean inboxEmpty() {
        return inbox.isEmpty();
    }

    private Object next() {
        try {
            Object o = inbox.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (o == null) {
                throw new AssertionError("nothing from the server within " + TIMEOUT);
            }
            if (o instanceof AssertionError e) {
                throw e;
            }
            return o;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    // ---- a few exchanges every test starts with ---------------------------------------------------

    /** Tversion with NOTAG. */
    public Rversion version(int msize, String version) throws IOException {
        send(P9.NOTAG, new Tversion(msize, version));
        return expect(P9.NOTAG, Rversion.class);
    }

    /** Tversion for 9P2000.L at {@code msize}, then Tattach of fid 0 as uid 0. */
    public Qid start(int msize) throws IOException {
        version(msize, "9P2000.L");
        return attach(1, 0, "root", "", 0);
    }

    public Qid attach(int tag, int fid, String uname, String aname, int uid) throws IOException {
        return call(tag, new Tattach(fid, P9.NOFID, uname, aname, uid), Rattach.class).qid();
    }

    public List<Qid> walk(int tag, int fid, int newFid, String... names) throws IOException {
        return call(tag, new Twalk(fid, newFid, List.of(names)), Rwalk.class).qids();
    }

    @Override
    public void close() throws IOException {
        transport.close();
        resumeReading();   // a stopped reader would otherwise never see the close
        try {
            readerThread.join(TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
