package io.ninep.client.rpc;

import io.ninep.client.ClientConfig;
import io.ninep.client.ConnectionClosedException;
import io.ninep.client.MsizeNegotiation;
import io.ninep.client.RemoteErrorException;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.NinePException;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.message.ErrorReply;
import io.ninep.protocol.message.Message;
import io.ninep.protocol.message.Rversion;
import io.ninep.protocol.message.Tversion;
import io.ninep.transport.FrameHeader;
import io.ninep.transport.FrameReader;
import io.ninep.transport.FrameWriter;
import io.ninep.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The Tversion exchange that opens a connection (version(5)): msize = min(requested, the
 * transport's limit, the server's answer). It runs on the opening thread before the reader and
 * writer threads start, and before the connection's buffer pool exists, because the pool's size
 * classes depend on the msize it settles: the Rversion is read into a plain heap buffer of the
 * frame's size, the only unpooled buffer of a client connection.
 */
final class Handshake {
    private static final System.Logger LOG = System.getLogger("io.ninep.client");

    private Handshake() {}

    /**
     * @param bytesOut the Tversion's size
     * @param bytesIn the Rversion's size
     */
    record Result(Dialect dialect, MsizeNegotiation negotiation, int bytesOut, int bytesIn) {}

    /** The exchange, recorded as a {@link ClientVersionEvent} whether it succeeds or not. */
    static Result version(Transport transport, FrameWriter writer, FrameReader reader, ClientConfig config,
                          QuirkLog quirks) throws IOException {
        ClientVersionEvent event = new ClientVersionEvent();
        event.begin();
        event.peer = transport.peer();
        event.transport = transport.kind();
        event.dialectAsked = config.dialect().versionString();
        event.msizeAsked = Integer.toUnsignedLong(config.msize());
        event.msizeAllowed = transport.maxMessageSize();
        try {
            Result r = negotiate(transport, writer, reader, config, quirks, event);
            event.dialect = r.dialect().versionString();
            event.msize = r.negotiation().msize();
            return r;
        } catch (IOException | RuntimeException e) {
            event.error = e.getMessage() == null ? e.toString() : e.getMessage();
            throw e;
        } finally {
            if (event.shouldCommit()) {
                event.commit();
            }
        }
    }

    private static Result negotiate(Transport transport, FrameWriter writer, FrameReader reader, ClientConfig config,
                                    QuirkLog quirks, ClientVersionEvent event) throws IOException {
        int transportMax = transport.maxMessageSize();
        int offer = Math.min(config.msize(), transportMax);
        if (offer < P9.MIN_MSIZE) {
            throw new NinePException(transport.kind() + " transport carries at most " + transportMax
                    + " bytes, less than the smallest 9P msize (" + P9.MIN_MSIZE + ")");
        }
        Dialect asked = config.dialect();
        FrameHeader h = new FrameHeader();
        Tversion tversion = new Tversion(offer, asked.versionString());
        ByteBuffer frame = exchange(transport, writer, reader, tversion, h, config.connectTimeout());
        // An Rlerror is decoded whatever the dialect asked: diod refuses a Tversion of 9P2000.u with
        // one, and the client should say "refused", not "malformed".
        Dialect decodeAs = h.type() == MessageType.RLERROR.code() ? Dialect.P9P2000_L : asked;
        Message m = new FrameDecoder(decodeAs, offer, config.strictness(), quirks).decode(frame).body();
        Rversion rv = switch (m) {
            case Rversion v -> v;
            case ErrorReply e -> throw new RemoteErrorException(MessageType.TVERSION, RemoteErrorException.errnoOf(e),
                    "the server refused version " + asked + (e.text().isEmpty() ? "" : " (" + e.text() + ")"));
            default -> throw new ProtocolException(m.type().displayName(), "type", "answers Tversion");
        };
        event.msizeAnswered = Integer.toUnsignedLong(rv.msize());
        if (h.tag() != P9.NOTAG) {
            throw new ProtocolException("Rversion", "tag", h.tag() + "; version(5) requires NOTAG");
        }
        // version(5): "The server responds with its own maximum, msize, which must be less than or
        // equal to the client's value."
        if (Integer.compareUnsigned(rv.msize(), offer) > 0) {
            throw new ProtocolException("Rversion", "msize", "the server answered " + Integer.toUnsignedString(rv.msize())
                    + ", more than the " + offer + " the client offered (version(5): it must be less or equal)");
        }
        if (rv.msize() < P9.MIN_MSIZE) {
            throw new ProtocolException("Rversion", "msize", "the server answered " + rv.msize()
                    + ", below the smallest usable msize " + P9.MIN_MSIZE);
        }
        Dialect dialect = dialectOf(rv.version(), asked);
        MsizeNegotiation n = new MsizeNegotiation(config.msize(), transport.kind(), transportMax, rv.msize(), rv.msize());
        if (n.cut()) {
            LOG.log(System.Logger.Level.INFO, "9P msize for {0}: {1}", transport.peer(), n);
        }
        if (dialect != asked) {
            LOG.log(System.Logger.Level.INFO, "9P server {0} speaks {1}, not {2}", transport.peer(), dialect, asked);
        }
        return new Result(dialect, n, tversion.encodedSize(asked), h.size());
    }

    /**
     * Writes Tversion and reads the whole reply frame, within {@code timeout}: a watchdog closes
     * the transport if the server accepted the connection but does not answer, so opening a
     * connection never hangs.
     */
    private static ByteBuffer exchange(Transport transport, FrameWriter writer, FrameReader reader, Tversion tversion,
                                       FrameHeader h, java.time.Duration timeout) throws IOException {
        var outcome = new java.util.concurrent.atomic.AtomicInteger(WAITING);
        Thread watchdog = Thread.ofVirtual().name("ninep-version-watchdog " + transport.peer()).start(() -> {
            try {
                Thread.sleep(timeout);
            } catch (InterruptedException e) {
                return;
            }
            if (outcome.compareAndSet(WAITING, TIMED_OUT)) {
                try {
                    transport.close();
                } catch (IOException ignored) {
                    // closing is all we can do; the reader sees it either way
                }
            }
        });
        try {
            writer.write(P9.NOTAG, tversion);
            if (!reader.readHeader(h)) {
                throw new ConnectionClosedException(transport.peer() + " closed the connection instead of answering Tversion");
            }
            ByteBuffer frame = ByteBuffer.allocate(h.size()).order(ByteOrder.LITTLE_ENDIAN);
            frame.putInt(h.size()).put((byte) h.type()).putShort((short) h.tag());
            reader.readBody(frame, h.bodySize());
            frame.flip();
            if (!outcome.compareAndSet(WAITING, ANSWERED)) {
                throw timedOut(transport, timeout, null);
            }
            return frame;
        } catch (IOException e) {
            if (!outcome.compareAndSet(WAITING, ANSWERED) && outcome.get() == TIMED_OUT) {
                throw timedOut(transport, timeout, e);
            }
            throw e;
        } finally {
            watchdog.interrupt();
        }
    }

    private static final int WAITING = 0;
    private static final int ANSWERED = 1;
    private static final int TIMED_OUT = 2;

    private static ConnectionClosedException timedOut(Transport transport, java.time.Duration timeout, Throwable cause) {
        ConnectionClosedException e = new io.ninep.client.NoReplyException(transport.peer()
                + " did not answer Tversion within " + timeout.toMillis() + " ms (is it a 9P server?); connection closed",
                timeout);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /**
     * The dialect the server chose. version(5): "If the server does not understand the client's
     * version string, it should respond with an Rversion message (not Rerror) with the version
     * string the 7 characters 'unknown'"; it may also answer an earlier version, which for us is
     * plain 9P2000.
     */
    private static Dialect dialectOf(String version, Dialect asked) throws NinePException {
        if (version.equals("unknown")) {
            throw new NinePException("the server does not speak " + asked + " (it answered 'unknown' to Tversion)");
        }
        Optional<Dialect> d = Dialect.fromVersionString(version);
        if (d.isEmpty() || d.get() != asked && d.get() != Dialect.P9P2000) {
            throw new ProtocolException("Rversion", "version", "'" + version + "' answers a Tversion of '" + asked + "'");
        }
        return d.get();
    }
}
