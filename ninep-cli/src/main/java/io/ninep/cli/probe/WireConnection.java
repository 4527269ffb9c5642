package io.ninep.cli.probe;

import io.ninep.cli.text.HexDump;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.Quirk;
import io.ninep.protocol.Strictness;
import io.ninep.protocol.codec.FcallFormat;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.codec.FrameEncoder;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Message;
import io.ninep.transport.DialAddress;
import io.ninep.transport.Dialer;
import io.ninep.transport.SocketTransport;
import io.ninep.transport.Transport;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw 9P connection for the probe: it writes exactly the bytes it is given, with the tags the
 * check chose, and hands back what the server sends, frame by frame, with a deadline. It keeps
 * no protocol state but the dialect to decode with. Every frame in either direction goes into
 * the check's {@link Transcript}.
 *
 * <p>A reader thread cuts the stream into frames (refusing a size field below 7 or above the
 * read limit, which ends the connection) and queues their bytes; the probe's thread decodes them
 * in {@link #next}, leniently, noting quirks, with the dialect current at that moment.
 */
public final class WireConnection implements AutoCloseable {
    /** Frames up to this size are always read; larger ones only when msize allows them. */
    private static final long MIN_READ_LIMIT = 1 << 20;

    private final Transport transport;
    private final String label;
    private final Transcript transcript;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final List<Quirk> quirks = new ArrayList<>();
    private final FrameDecoder decoder;
    private final long maxReadLimit;
    private volatile long readLimit = MIN_READ_LIMIT;
    private Incoming.Closed closed;

    private WireConnection(Transport transport, String label, Transcript transcript, Dialect dialect, long maxReadLimit) {
        this.transport = transport;
        this.label = label;
        this.transcript = transcript;
        this.decoder = new FrameDecoder(dialect, -1, Strictness.LENIENT, quirks::add);
        this.maxReadLimit = Math.max(MIN_READ_LIMIT, maxReadLimit);
        Thread.ofVirtual().name("probe " + label + " reader").start(this::readLoop);
    }

    /**
     * Connects to {@code address}.
     *
     * @param maxReadLimit the largest frame this connection will ever read (the probe's
     *     verification limit); larger ones end it as garbled
     */
    public static WireConnection dial(DialAddress address, Duration timeout, String label, Transcript transcript,
                                      Dialect dialect, long maxReadLimit) throws IOException {
        return new WireConnection(Dialer.dial(address, timeout), label, transcript, dialect, maxReadLimit);
    }

    /** Over a transport already connected (tests). */
    public static WireConnection over(Transport transport, String label, Transcript transcript, Dialect dialect,
                                      long maxReadLimit) {
        return new WireConnection(transport, label, transcript, dialect, maxReadLimit);
    }

    public String label() {
        return label;
    }

    public Dialect dialect() {
        return decoder.dialect();
    }

    /** Decodes and encodes in {@code dialect} from now on (after an Rversion). */
    public void dialect(Dialect d) {
        decoder.renegotiated(d, -1);
    }

    /** Accepts frames up to {@code msize} (at least 1 MiB, at most the connection's maximum). */
    public void expectMsize(long msize) {
        readLimit = Math.clamp(msize, MIN_READ_LIMIT, maxReadLimit);
    }

    public Transcript transcript() {
        return transcript;
    }

    /** Sends one frame. */
    public void send(int tag, Message body) throws IOException {
        sendAll(List.of(new Frame(tag, body)));
    }

    /** Sends frames back to back in one write, so the server finds them together (races). */
    public void sendAll(List<Frame> frames) throws IOException {
        ByteBuffer[] bufs = new ByteBuffer[frames.size()];
        for (int i = 0; i < bufs.length; i++) {
            bufs[i] = FrameEncoder.encode(frames.get(i), decoder.dialect());
            transcript.add(label + " → " + FcallFormat.format(frames.get(i)));
        }
        write(bufs);
    }

    /** Sends bytes as they are; {@code what} describes them in the transcript. */
    public void sendRaw(byte[] bytes, String what) throws IOException {
        transcript.add(label + " → " + what + " [" + HexDump.of(bytes, 64) + "]");
        write(new ByteBuffer[] {ByteBuffer.wrap(bytes)});
    }

    private void write(ByteBuffer[] bufs) throws IOException {
        try {
            transport.write(bufs, 0, bufs.length);
        } catch (IOException e) {
            transcript.add(label + " → (write failed: " + e.getMessage() + ")");
            throw e;
        }
    }

    /** Ends the write direction: the server reads end of stream, and may still answer. */
    public void shutdownOutput() throws IOException {
        transcript.add(label + " → (end of stream)");
        if (transport instanceof SocketTransport s) {
            s.shutdownOutput();
        } else {
            transport.close();
        }
    }

    /** The next thing from the server, or {@link Incoming.Silence} after {@code timeout}. */
    public Incoming next(Duration timeout) throws InterruptedException {
        if (closed != null) {
            return closed;
        }
        Object o = inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        Incoming in = switch (o) {
            case null -> new Incoming.Silence(timeout.toMillis());
            case byte[] bytes -> decode(bytes);
            case Incoming i -> i;
            default -> throw new IllegalStateException(String.valueOf(o));
        };
        switch (in) {
            case Incoming.Reply r -> {
                transcript.add(label + " ← " + FcallFormat.format(r.frame()));
                for (Quirk q : quirks) {
                    transcript.add(label + "   quirk: " + q);
                }
            }
            case Incoming.Garbled g -> transcript.add(label + " ← undecodable: " + g.why() + " [" + g.hex() + "]");
            case Incoming.Closed c -> {
                closed = c;
                transcript.add(label + " ← (" + c.why() + ")");
            }
            case Incoming.Silence s -> transcript.add(label + " ← (nothing for " + s.millis() + " ms)");
        }
        return in;
    }

    private Incoming decode(byte[] bytes) {
        quirks.clear();
        try {
            return new Incoming.Reply(decoder.decode(ByteBuffer.wrap(bytes)), bytes.length);
        } catch (ProtocolException e) {
            return new Incoming.Garbled(e.getMessage(), HexDump.of(bytes, 64));
        }
    }

    private void readLoop() {
        ByteBuffer size = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (true) {
                size.clear();
                int first = transport.read(size);
                if (first < 0) {
                    inbox.add(new Incoming.Closed("the server closed the connection"));
                    return;
                }
                transport.readFully(size);
                long n = Integer.toUnsignedLong(size.getInt(0));
                if (n < P9.HEADER_SIZE || n > readLimit) {
                    inbox.add(new Incoming.Garbled("size field " + n + (n < P9.HEADER_SIZE
                            ? " is smaller than the 7-byte header" : " is larger than this connection accepts ("
                            + readLimit + ")"), HexDump.of(size.array(), 4)));
                    inbox.add(new Incoming.Closed("the probe stopped reading: the stream cannot be framed"));
                    transport.close();
                    return;
                }
                byte[] frame = new byte[(int) n];
                ByteBuffer f = ByteBuffer.wrap(frame);
                f.put(size.array());
                transport.readFully(f);
                inbox.add(frame);
            }
        } catch (EOFException e) {
            inbox.add(new Incoming.Closed("the server closed the connection in the middle of a frame"));
        } catch (IOException e) {
            inbox.add(new Incoming.Closed(transport.isOpen() ? "the connection broke: " + e.getMessage()
                    : "the connection is closed"));
        }
    }

    public boolean isOpen() {
        return transport.isOpen();
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            // Nothing left to do with it.
        }
    }
}
