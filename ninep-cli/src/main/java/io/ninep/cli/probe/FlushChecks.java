package io.ninep.cli.probe;

import static io.ninep.cli.probe.Session.describe;
import static io.ninep.cli.probe.Session.frame;

import io.ninep.protocol.P9;
import io.ninep.protocol.codec.FcallFormat;
import io.ninep.protocol.message.Rflush;
import io.ninep.protocol.message.Tflush;
import io.ninep.protocol.message.Twrite;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Tags and flushes, after flush(5): "The server should answer the flush message immediately.
 * [...] A Tflush can never be responded to by an Rerror message. The server may respond to the
 * pending request before responding to the Tflush." and intro(5): a client must not have two
 * outstanding messages with the same tag.
 */
final class FlushChecks {
    private FlushChecks() {}

    /** A tag the checks never use otherwise, to flush when nothing is in flight. */
    private static final int IDLE_TAG = 0x4242;

    static List<Check> all() {
        return List.of(
                Check.of("flush.unknown-tag", "Tflush of a tag not in flight: Rflush at once, never Rerror (flush(5))",
                        false, FlushChecks::unknownTag),
                Check.of("flush.race-write", "Twrite and a Tflush for it sent together, repeatedly: the write's reply "
                        + "then Rflush, or Rflush alone; never Rflush first, never Rerror (flush(5))", false,
                        FlushChecks::raceWrite),
                Check.of("tag.duplicate", "two requests with the same tag sent together (a client bug, intro(5)): the "
                        + "server answers, refuses or closes, and does not hang or die", false, FlushChecks::duplicateTag));
    }

    private static Outcome unknownTag(CheckContext ctx) throws IOException, ProbeFailure, InterruptedException {
        try (Session s = ctx.session()) {
            int tag = s.tag();
            s.wire().send(tag, new Tflush(IDLE_TAG));
            Incoming in = s.wire().next(ctx.timeout());
            if (in instanceof Incoming.Reply r && r.tag() == tag && r.body() instanceof Rflush) {
                return Outcome.pass("Rflush at once");
            }
            if (in instanceof Incoming.Reply r && r.tag() == tag && r.isError()) {
                return Outcome.fail("answered " + FcallFormat.format(r.frame())
                        + " (flush(5): a Tflush can never be responded to by an Rerror)");
            }
            return Outcome.fail("expected Rflush tag " + tag + ", got " + describe(in));
        }
    }

    /**
     * Data for a write large enough to take the server a moment: up to 64 KiB, and no more than
     * msize minus Plan 9's IOHDRSZ (24), what every client leaves for the header.
     */
    private static ByteBuffer payload(Session s) {
        int len = (int) Math.min(s.msize() - P9.IO_HEADER_SIZE, 64 * 1024);
        ByteBuffer data = ByteBuffer.allocate(len);
        for (int i = 0; i < len; i++) {
            data.put(i, (byte) ('0' + i % 10));
        }
        return data;
    }

    private static Outcome raceWrite(CheckContext ctx) throws IOException, ProbeFailure, InterruptedException {
        int rounds = ctx.options().flushRounds();
        try (Session s = ctx.session()) {
            int dir = ctx.scratchDir(s);
            int file = s.create(dir, "flush-race");
            ByteBuffer data = payload(s);
            Transcript t = ctx.transcript();
            int replyFirst = 0;
            int flushedAlone = 0;
            List<String> problems = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                int mark = t.mark();
                t.add("(round " + round + " of " + rounds + ")");
                int writeTag = s.tag();
                int flushTag = s.tag();
                s.wire().sendAll(List.of(frame(writeTag, new Twrite(file, 0, data.duplicate())),
                        frame(flushTag, new Tflush(writeTag))));
                boolean replied = false;
                String problem = null;
                // Until the Rflush: the write's reply may come first (and may be an error).
                while (true) {
                    Incoming in = s.wire().next(ctx.timeout());
                    if (!(in instanceof Incoming.Reply r)) {
                        return Outcome.fail("round " + round + ": no Rflush for tag " + flushTag + ": " + describe(in));
                    }
                    if (r.tag() == writeTag && !replied) {
                        replied = true;
                    } else if (r.tag() == flushTag) {
                        if (r.isError()) {
                            problem = "the Tflush was answered by " + FcallFormat.format(r.frame())
                                    + " (flush(5): never Rerror)";
                        } else if (!(r.body() instanceof Rflush)) {
                            problem = "the Tflush was answered by " + FcallFormat.format(r.frame());
                        }
                        break;
                    } else {
                        problem = "unexpected " + FcallFormat.format(r.frame());
                    }
                }
                // After the Rflush, a later request's reply shows that nothing for the write followed it.
                int probeTag = s.tag();
                s.wire().send(probeTag, s.harmless());
                while (true) {
                    Incoming in = s.wire().next(ctx.timeout());
                    if (!(in instanceof Incoming.Reply r)) {
                        return Outcome.fail("round " + round + ": after the Rflush, " + describe(in));
                    }
                    if (r.tag() == probeTag) {
                        break;
                    }
                    if (r.tag() == writeTag && !replied) {
                        problem = "the Rflush came before the write's reply (flush(5): the server may answer the "
                                + "request before the Tflush, and nothing for it after the Rflush)";
                    } else {
                        problem = "unexpected " + FcallFormat.format(r.frame()) + " after the Rflush";
                    }
                }
                if (problem != null) {
                    problems.add("round " + round + ": " + problem);
                } else {
                    if (replied) {
                        replyFirst++;
                    } else {
                        flushedAlone++;
                    }
                    if (round > 1) {
                        t.rewind(mark);   // the first round stands as the example of a good one
                    }
                }
            }
            s.clunk(file);
            s.remove(dir, "flush-race", false);
            String summary = rounds + " rounds: " + replyFirst + " write reply then Rflush, " + flushedAlone
                    + " Rflush alone";
            if (!problems.isEmpty()) {
                return Outcome.fail(problems.getFirst() + (problems.size() > 1 ? " (and " + (problems.size() - 1)
                        + " more rounds)" : "") + "; " + summary);
            }
            return Outcome.pass(summary);
        }
    }

    private static Outcome duplicateTag(CheckContext ctx) throws IOException, ProbeFailure, InterruptedException {
        try (Session s = ctx.session()) {
            int dir = ctx.scratchDir(s);
            int file = s.create(dir, "duplicate-tag");
            int tag = s.tag();
            s.wire().sendAll(List.of(frame(tag, new Twrite(file, 0, payload(s))), frame(tag, s.harmless())));
            int later = s.tag();
            s.wire().send(later, s.harmless());
            List<String> answers = new ArrayList<>();
            boolean laterAnswered = false;
            // Once the later request is answered, a second reply to the duplicate gets a short grace.
            Duration grace = ctx.timeout().compareTo(Duration.ofSeconds(1)) < 0 ? ctx.timeout() : Duration.ofSeconds(1);
            while (!(laterAnswered && answers.size() >= 2)) {
                Incoming in = s.wire().next(laterAnswered ? grace : ctx.timeout());
                switch (in) {
                    case Incoming.Reply r when r.tag() == tag -> answers.add(r.isError()
                            ? FcallFormat.format(r.frame()) : r.body().type().displayName());
                    case Incoming.Reply r when r.tag() == later -> laterAnswered = true;
                    case Incoming.Reply r -> {
                        return Outcome.fail("answered with a tag it was never sent: " + FcallFormat.format(r.frame()));
                    }
                    case Incoming.Closed c -> {
                        return Outcome.pass("closes the connection (after " + answers.size() + " replies to tag " + tag
                                + ")");
                    }
                    case Incoming.Silence x -> {
                        if (!laterAnswered) {
                            return Outcome.fail("hangs: neither the duplicate tag nor a later request was answered within "
                                    + ctx.timeout().toMillis() + " ms");
                        }
                    }
                    case Incoming.Garbled g -> {
                        return Outcome.fail("answered with an undecodable frame: " + g.why());
                    }
                }
                if (in instanceof Incoming.Silence) {
                    break;
                }
            }
            s.clunk(file);
            s.remove(dir, "duplicate-tag", false);
            return switch (answers.size()) {
                case 0 -> Outcome.note("answered neither request with tag " + tag + ", but went on serving");
                case 1 -> Outcome.pass("answered one request with tag " + tag + " (" + answers.getFirst()
                        + "), dropped the other, and went on");
                default -> Outcome.pass("answered both requests with tag " + tag + " (" + String.join(", ", answers)
                        + ") and went on");
            };
        }
    }
}
