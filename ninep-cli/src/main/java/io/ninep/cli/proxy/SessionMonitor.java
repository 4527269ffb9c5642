package io.ninep.cli.proxy;

import io.ninep.cli.text.HexDump;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.Quirk;
import io.ninep.protocol.Strictness;
import io.ninep.protocol.codec.FcallFormat;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Rversion;
import io.ninep.protocol.message.Tflush;
import io.ninep.protocol.message.Tversion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Follows one proxied connection frame by frame and says what a person would otherwise work out
 * by hand: the negotiated version and msize, each tag's lifetime (request to reply, with latency,
 * and Tflush races: the {@link TagLedger}'s part), and every rule of intro(5), version(5) and
 * flush(5) that a side breaks. It only watches; the bytes are forwarded unchanged by
 * {@link ProxyConnection}.
 *
 * <p>Each frame is reported (and the tag table updated) <em>before</em> it is forwarded. So a
 * reply is always seen after the request it answers, and a client's reuse of a tag after the
 * reply is seen after that reply: the order in the trace is the causal order.
 *
 * <p>Locking: {@code lock} guards every field below it and is held while a frame is decoded,
 * accounted and handed to the sink, so the two directions' lines never interleave out of order.
 * It is never held while forwarding.
 */
final class SessionMonitor {
    /** Frames up to this size are always read whole and decoded, whatever msize says. */
    private static final long MIN_BUFFER_LIMIT = 1 << 20;
    /** Frames above this are streamed undecoded even if msize allows them. */
    private static final long MAX_BUFFER_LIMIT = 256L << 20;
    /** Bytes of an undecodable frame shown in hex. */
    private static final int HEX_BYTES = 256;

    private final int id;
    private final TraceSink sink;
    private final Clock clock;
    private final LongSupplier nanos;

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Quirk> quirks = new ArrayList<>();
    /** Lenient and size-blind: a frame above msize is decoded anyway and reported as a violation. */
    private final FrameDecoder decoder = new FrameDecoder(Dialect.P9P2000_L, -1, Strictness.LENIENT, quirks::add);
    private boolean versionSent;
    private long askedMsize = -1;
    private String askedVersion;
    /** The msize of the server's Rversion, or -1 before it. */
    private long msize = -1;
    private volatile long bufferLimit = MIN_BUFFER_LIMIT;
    private final TagLedger tags = new TagLedger();

    SessionMonitor(int id, TraceSink sink, Clock clock, LongSupplier nanos) {
        this.id = id;
        this.sink = sink;
        this.clock = clock;
        this.nanos = nanos;
    }

    int id() {
        return id;
    }

    /** When something was read: the wall clock for the trace, the monotonic clock for latencies. */
    record Stamp(Instant time, long nanos) {}

    /** The time now; a pump takes it as soon as a frame is read, before it waits for the lock. */
    Stamp now() {
        return new Stamp(clock.instant(), nanos.getAsLong());
    }

    /** The largest frame to read whole: msize once known (at least 1 MiB, at most 256 MiB). */
    long bufferLimit() {
        return bufferLimit;
    }

    void opened(String client, String server) {
        event(null, "connected: client " + client + ", server " + server, List.of());
    }

    void unreachable(String client, String server, IOException e) {
        event(null, "client " + client + " connected, but the server " + server + " cannot be reached: "
                + e.getMessage() + "; closing the client's connection", List.of());
    }

    /** A whole frame read from {@code dir}'s sender at {@code at}. */
    void frame(Direction dir, byte[] bytes, Stamp at) {
        lock.lock();
        try {
            long now = at.nanos();
            List<Note> notes = new ArrayList<>();
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int code = bytes[4] & 0xFF;
            int tag = buf.getShort(5) & 0xFFFF;
            Frame frame = null;
            String text;
            String hex = null;
            quirks.clear();
            if (dir == Direction.S2C && code == MessageType.RLERROR.code() && tags.awaitsVersion(tag)) {
                // A refused Tversion: Rlerror is 9P2000.L's, whatever dialect was asked for.
                decoder.renegotiated(Dialect.P9P2000_L, -1);
            }
            try {
                frame = decoder.decode(buf);
                text = FcallFormat.format(frame);
            } catch (ProtocolException e) {
                notes.add(Note.of(Note.Kind.UNDECODABLE, e.getMessage()));
                text = MessageType.describe(code) + " tag " + tagText(tag) + " (" + bytes.length + " bytes)";
                hex = HexDump.of(bytes, HEX_BYTES);
            }
            for (Quirk q : quirks) {
                notes.add(Note.of(Note.Kind.QUIRK, q.toString()));
            }
            long latency = account(dir, bytes.length, code, tag, frame, now, notes);
            emit(at.time(), dir, bytes.length, code, tag, text, hex, latency, notes);
        } finally {
            lock.unlock();
        }
    }

    /** The header of a frame too large to decode here; its body is forwarded as it streams. */
    void largeFrame(Direction dir, byte[] header, long size, Stamp at) {
        lock.lock();
        try {
            long now = at.nanos();
            List<Note> notes = new ArrayList<>();
            int code = header[4] & 0xFF;
            int tag = (header[5] & 0xFF) | (header[6] & 0xFF) << 8;
            String text = MessageType.describe(code) + " tag " + tagText(tag) + " (" + size
                    + " bytes, forwarded without decoding: larger than the proxy holds in memory)";
            long latency = account(dir, size, code, tag, null, now, notes);
            emit(at.time(), dir, size, code, tag, text, null, latency, notes);
        } finally {
            lock.unlock();
        }
    }

    /** Bytes that could not be cut into frames; {@code why} is set the first time. */
    void raw(Direction dir, byte[] bytes, String why) {
        List<Note> notes = new ArrayList<>();
        if (why != null) {
            notes.add(Note.of(Note.Kind.VIOLATION, why));
        }
        event(dir, bytes.length, "unframed bytes (" + bytes.length + ")", HexDump.of(bytes, HEX_BYTES), notes);
    }

    /** {@code dir}'s sender ended its stream, perhaps inside a frame. */
    void ended(Direction dir, byte[] partial, long declaredSize) {
        List<Note> notes = new ArrayList<>();
        String hex = null;
        if (partial.length > 0) {
            notes.add(Note.of(Note.Kind.VIOLATION, "the " + dir.sender() + "'s stream ended inside a frame: "
                    + partial.length + " of " + (declaredSize < 0 ? "?" : Long.toString(declaredSize))
                    + " bytes came (forwarded as they are)"));
            hex = HexDump.of(partial, HEX_BYTES);
        }
        String text = dir == Direction.C2S ? "client closed its side" : "server closed its side";
        event(dir, partial.length == 0 ? -1 : partial.length, text, hex, notes);
    }

    /** Reading from {@code dir}'s sender or writing to the other side failed. */
    void failed(Direction dir, IOException e) {
        event(dir, -1, (dir == Direction.C2S ? "client→server" : "server→client") + " stopped: " + e, null, List.of());
    }

    /** The monitor failed to describe a frame (a bug of ours); the frame was forwarded all the same. */
    void internalError(RuntimeException e) {
        event(null, -1, "the trace could not describe a frame (forwarded all the same): " + e, null, List.of());
    }

    /** Both directions are done: reports requests that never got a reply. */
    void closed() {
        lock.lock();
        try {
            List<Note> notes = new ArrayList<>();
            String unanswered = tags.unanswered();
            if (unanswered != null) {
                notes.add(Note.of(Note.Kind.INFO, unanswered));
            }
            emit(clock.instant(), null, -1, -1, -1, "connection closed", null, -1, notes);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- accounting

    private long account(Direction dir, long size, int code, int tag, Frame frame, long now, List<Note> notes) {
        if (msize > 0 && size > msize) {
            notes.add(Note.of(Note.Kind.VIOLATION, "frame of " + size + " bytes exceeds the negotiated msize " + msize
                    + " (version(5): both sides must honour it)"));
        }
        MessageType type = MessageType.byCode(code);
        if (type == null) {
            notes.add(Note.of(Note.Kind.VIOLATION, MessageType.describe(code) + " is no 9P message (intro(5))"));
        }
        return dir == Direction.C2S ? request(type, code, tag, frame, now, notes) : reply(type, tag, frame, now, notes);
    }

    private long request(MessageType type, int code, int tag, Frame frame, long now, List<Note> notes) {
        if (type != null && !type.isRequest()) {
            notes.add(Note.of(Note.Kind.VIOLATION, "the client sent a reply-type message; requests have even type numbers (intro(5))"));
            return -1;
        }
        if (type == MessageType.TVERSION) {
            version(tag, frame, notes);
        } else if (!versionSent) {
            notes.add(Note.of(Note.Kind.VIOLATION, "sent before Tversion (version(5): Tversion must be the first message)"));
        }
        int oldTag = frame != null && frame.body() instanceof Tflush(int o) ? o : -1;
        tags.request(type, type == null ? MessageType.describe(code) : type.displayName(), tag, oldTag, now, notes);
        return -1;
    }

    private void version(int tag, Frame frame, List<Note> notes) {
        if (tag != P9.NOTAG) {
            notes.add(Note.of(Note.Kind.VIOLATION, "Tversion with tag " + tag + "; it should be NOTAG (version(5))"));
        }
        tags.reset(notes);
        versionSent = true;
        if (frame != null && frame.body() instanceof Tversion(int m, String v)) {
            askedMsize = Integer.toUnsignedLong(m);
            askedVersion = v;
            msize = -1;
            bufferLimit = clampBuffer(askedMsize);
            Dialect.fromVersionString(v).ifPresent(d -> decoder.renegotiated(d, -1));
            notes.add(Note.of(Note.Kind.VERSION, "client offers msize " + askedMsize + " " + v));
        }
    }

    private long reply(MessageType type, int tag, Frame frame, long now, List<Note> notes) {
        if (type != null && type.isRequest()) {
            notes.add(Note.of(Note.Kind.VIOLATION, "the server sent a request-type message; replies have odd type numbers (intro(5))"));
            return -1;
        }
        TagLedger.Answer a = tags.reply(type, tag, now, notes);
        if (a == null) {
            return -1;
        }
        if (a.request() == MessageType.TVERSION) {
            negotiated(tag, type, frame, notes);
        }
        return a.latencyNanos();
    }

    private void negotiated(int tag, MessageType type, Frame frame, List<Note> notes) {
        if (tag != P9.NOTAG) {
            notes.add(Note.of(Note.Kind.VIOLATION, "Rversion with tag " + tag + "; it should be NOTAG (version(5))"));
        }
        if (type == MessageType.RERROR || type == MessageType.RLERROR) {
            if (askedMsize >= 0 && askedMsize < P9.MIN_MSIZE) {
                notes.add(Note.of(Note.Kind.VERSION, "the server refuses msize " + askedMsize + ", below 4096"));
            } else {
                notes.add(Note.of(Note.Kind.VIOLATION, "Tversion answered with an error (version(5): the server answers "
                        + "Rversion with its own msize, and 'unknown' for a version it does not understand, not Rerror)"));
            }
        }
        if (!(frame != null && frame.body() instanceof Rversion(int m, String v))) {
            return;
        }
        long answered = Integer.toUnsignedLong(m);
        String asked = askedVersion == null ? "?" : askedMsize + " " + askedVersion;
        notes.add(Note.of(Note.Kind.VERSION, "msize: client asked " + asked + "; server answered " + answered + " " + v));
        if (askedMsize >= 0 && answered > askedMsize) {
            notes.add(Note.of(Note.Kind.VIOLATION, "the server's msize " + answered + " exceeds the client's " + askedMsize
                    + " (version(5): it must be less than or equal)"));
        }
        if (v.equals("unknown")) {
            notes.add(Note.of(Note.Kind.VERSION, "the server does not speak " + askedVersion + "; no session"));
            return;
        }
        var dialect = Dialect.fromVersionString(v);
        if (dialect.isEmpty() || askedVersion != null && !v.equals(askedVersion) && !askedVersion.startsWith(v + ".")) {
            notes.add(Note.of(Note.Kind.VIOLATION, "version '" + v + "' answers '" + askedVersion + "': the server may answer "
                    + "the client's version, an earlier one, or 'unknown' (version(5))"));
        }
        if (answered < P9.MIN_MSIZE) {
            notes.add(Note.of(Note.Kind.VERSION, "msize " + answered + " is below 4096, which Linux refuses"));
        }
        msize = answered;
        bufferLimit = clampBuffer(answered);
        dialect.ifPresent(d -> decoder.renegotiated(d, -1));
    }

    // ---------------------------------------------------------------- output

    private void event(Direction dir, String text, List<Note> notes) {
        event(dir, -1, text, null, notes);
    }

    private void event(Direction dir, long size, String text, String hex, List<Note> notes) {
        lock.lock();
        try {
            emit(clock.instant(), dir, size, -1, -1, text, hex, -1, notes);
        } finally {
            lock.unlock();
        }
    }

    private void emit(Instant time, Direction dir, long size, int code, int tag, String text, String hex, long latency,
                      List<Note> notes) {
        assert lock.isHeldByCurrentThread();
        String type = code < 0 ? null : MessageType.describe(code);
        sink.accept(new TraceEvent(time, id, dir, size, type, tag, text, hex, latency, notes));
    }

    private static long clampBuffer(long msize) {
        return Math.clamp(msize, MIN_BUFFER_LIMIT, MAX_BUFFER_LIMIT);
    }

    private static String tagText(int tag) {
        return TagLedger.tagText(tag);
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }
}
