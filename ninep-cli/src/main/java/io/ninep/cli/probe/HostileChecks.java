package io.ninep.cli.probe;

import static io.ninep.cli.probe.Session.describe;

import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.codec.FcallFormat;
import io.ninep.protocol.message.Rversion;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Twrite;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Input meant to break a server, each on a connection of its own, each ending with a check that
 * the server still accepts connections. The server may answer with an error or close the
 * connection; it must not act on the input, hang, or die. Opt-in, because some servers die:
 * Debian's diod 1.0.24 aborts on any R-message ("assertion failure: srv.c:634").
 */
final class HostileChecks {
    private HostileChecks() {}

    static List<Check> all() {
        return List.of(
                Check.of("hostile.oversize-frame", "a Twrite frame 4096 bytes above the negotiated msize: refused "
                        + "(error or close), never acted on; the server lives", true, HostileChecks::oversize),
                Check.of("hostile.truncated-frame", "a Tversion whose version string runs past its frame's end, and a "
                        + "stream that ends inside a frame: refused or closed; the server lives", true,
                        HostileChecks::truncated),
                Check.of("hostile.unknown-type", "a frame of type 250: an error or a close; the server lives", true,
                        HostileChecks::unknownType),
                Check.of("hostile.r-message", "a reply type (Rclunk) sent as a request: an error or a close; the server "
                        + "lives (Debian's diod 1.0.24 aborts)", true, HostileChecks::replyAsRequest));
    }

    private static Outcome oversize(CheckContext ctx) throws IOException, ProbeFailure, InterruptedException {
        String what;
        try (Session s = ctx.session(8192)) {
            long msize = s.msize();
            int size = (int) msize + 4096;
            ByteBuffer data = ByteBuffer.allocate(size - Twrite.HEADER_SIZE);
            int tag = s.tag();
            try {
                s.wire().send(tag, new Twrite(Session.ROOT, 0, data));
            } catch (IOException e) {
                // The server may close while the frame is still arriving; what it answered decides.
            }
            Incoming in = s.wire().next(ctx.timeout());
            if (in instanceof Incoming.Closed) {
                what = "closes the connection on a " + size + "-byte frame (msize " + msize + ")";
            } else if (in instanceof Incoming.Reply r && r.tag() == tag && r.isError()) {
                Outcome after = stillFramed(ctx, s, "refused the " + size + "-byte frame (msize " + msize + ") with "
                        + FcallFormat.format(r.frame()));
                if (after.verdict() == Verdict.FAIL) {
                    return after;
                }
                what = after.summary();
            } else if (in instanceof Incoming.Reply r && r.tag() == tag) {
                return Outcome.fail("acted on a " + size + "-byte frame above msize " + msize + ": "
                        + FcallFormat.format(r.frame()) + " (version(5): both sides must honour msize)");
            } else {
                return Outcome.fail("a " + size + "-byte frame above msize " + msize + " was answered by " + describe(in));
            }
        }
        return alive(ctx, what);
    }

    private static Outcome truncated(CheckContext ctx) throws IOException, ProbeFailure, InterruptedException {
        String inFrame;
        try (WireConnection w = ctx.connect()) {
            // Tversion msize 8192 whose version string claims 20 bytes; the frame ends after 8 of them.
            String v = ctx.dialect().versionString();
            ByteBuffer b = ByteBuffer.allocate(P9.HEADER_SIZE + 4 + 2 + v.length()).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(b.capacity()).put((byte) MessageType.TVERSION.code()).putShort((short) P9.NOTAG).putInt(8192)
                    .putShort((short) (v.length() + 12)).put(v.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            w.sendRaw(b.array(), "Tversion tag NOTAG msize 8192 version[s] of " + (v.length() + 12) + " bytes, only "
                    + v.length() + " in the frame ('" + v + "')");
            Incoming in = w.next(ctx.timeout());
            switch (in) {
                case Incoming.Closed c -> inFrame = "closes on a Tversion whose string runs past the frame";
                case Incoming.Reply r when r.isError() ->
                        inFrame = "refuses a Tversion whose string runs past the frame with " + FcallFormat.format(r.frame());
                case Incoming.Reply r when r.body() instanceof Rversion(int m, String version) && version.equals("unknown") ->
                        inFrame = "answers 'unknown' to a Tversion whose string runs past the frame";
                case Incoming.Reply r -> {
                    return Outcome.fail("answered a Tversion whose version string runs past its frame with "
                            + FcallFormat.format(r.frame()) + ": it read beyond the frame");
                }
                default -> {
                    return Outcome.fail("a Tversion whose string runs past its frame was answered by " + describe(in));
                }
            }
        }
        String cut;
        try (Session s = ctx.session()) {
            String name = "a-name-never-completed";
            int size = P9.HEADER_SIZE + 4 + 4 + 2 + 2 + name.length();
            ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(size).put((byte) MessageType.TWALK.code()).putShort((short) s.tag()).putInt(Session.ROOT).putInt(98)
                    .putShort((short) 1).putShort((short) name.length()).put(name.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.wire().sendRaw(java.util.Arrays.copyOf(b.array(), 20), "the first 20 bytes of a " + size + "-byte Twalk");
            s.wire().shutdownOutput();
            Incoming in = s.wire().next(ctx.timeout());
            while (in instanceof Incoming.Reply) {
                in = s.wire().next(ctx.timeout());
            }
            if (in instanceof Incoming.Silence) {
                return Outcome.note(inFrame + "; but keeps the connection open after the stream ended inside a frame");
            }
            cut = "closes when the stream ends inside a frame";
        }
        return alive(ctx, inFrame + "; " + cut);
    }

    private static Outcome unknownType(CheckContext ctx) throws IOException, ProbeFailure, InterruptedException {
        return bogusType(ctx, 250, "a frame of type 250");
    }

    private static Outcome replyAsRequest(CheckContext ctx) throws IOException, ProbeFailure, InterruptedException {
        return bogusType(ctx, MessageType.RCLUNK.code(), "an Rclunk sent as a request");
    }

    /** Sends a 7-byte frame of type {@code code} after attach; expects an error or a close. */
    private static Outcome bogusType(CheckContext ctx, int code, String what)
            throws IOException, ProbeFailure, InterruptedException {
        String summary;
        try (Session s = ctx.session()) {
            int tag = s.tag();
            ByteBuffer b = ByteBuffer.allocate(P9.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(P9.HEADER_SIZE).put((byte) code).putShort((short) tag);
            s.wire().sendRaw(b.array(), MessageType.describe(code) + " tag " + tag + " (7 bytes)");
            Incoming in = s.wire().next(ctx.timeout());
            if (in instanceof Incoming.Closed) {
                summary = "closes the connection on " + what;
            } else if (in instanceof Incoming.Reply r && r.tag() == tag && r.isError()) {
                Outcome after = stillFramed(ctx, s, "answers " + what + " with " + FcallFormat.format(r.frame()));
                if (after.verdict() == Verdict.FAIL) {
                    return after;
                }
                summary = after.summary();
            } else {
                return Outcome.fail(what + " was answered by " + describe(in) + "; expected an error or a close");
            }
        }
        return alive(ctx, summary);
    }

    /** After an error reply to hostile input: does the connection still work (a harmless request answered)? */
    private static Outcome stillFramed(CheckContext ctx, Session s, String before)
            throws IOException, InterruptedException {
        int tag = s.tag();
        try {
            s.wire().send(tag, new Tclunk(0x7777));
        } catch (IOException e) {
            return Outcome.pass(before + ", then closes");
        }
        Incoming in = s.wire().next(ctx.timeout());
        return switch (in) {
            case Incoming.Reply r when r.tag() == tag -> Outcome.pass(before + ", and goes on serving");
            case Incoming.Closed c -> Outcome.pass(before + ", then closes");
            default -> Outcome.fail(before + ", but then answered a Tclunk with " + describe(in)
                    + ": it lost its place in the stream");
        };
    }

    /** The last word of every hostile check: does the server still accept connections? */
    private static Outcome alive(CheckContext ctx, String summary) throws InterruptedException {
        if (!ctx.serverAlive()) {
            return Outcome.fail("the server died: it " + summary + ", then " + Probe.DIED);
        }
        return Outcome.pass(summary + "; the server lives");
    }
}
