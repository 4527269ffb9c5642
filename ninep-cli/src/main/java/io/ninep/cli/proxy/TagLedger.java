package io.ninep.cli.proxy;

import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The life of every tag on one proxied connection: requests in flight, the flushes sent for them,
 * and the tags an Rflush ended. It turns each request and reply into notes: latency, duplicate
 * tags (intro(5): a client must not have two outstanding messages with the same tag), and the
 * three ways a flush race ends (flush(5)): the reply came first, the Rflush came alone, or the
 * Rflush overtook the reply (a server bug); and a client reusing a tag before its Rflush.
 *
 * <p>Not thread-safe: {@link SessionMonitor}'s lock guards it.
 */
final class TagLedger {

    /**
     * A request in flight. A client that reuses a tag while it is in flight has several requests
     * under it: {@code types} holds them all, oldest first, and each reply answers one.
     */
    private static final class Pending {
        final List<MessageType> types = new ArrayList<>();
        final String name;
        final long sentNanos;
        final int oldTag;

        Pending(MessageType type, String name, long sentNanos, int oldTag) {
            this.types.add(type);
            this.name = name;
            this.sentNanos = sentNanos;
            this.oldTag = oldTag;
        }

        MessageType type() {
            return types.getFirst();
        }
    }

    /** The Tflushes sent for one oldtag, oldest first, and whether the old request was answered. */
    private static final class Flush {
        final List<Integer> flushTags = new ArrayList<>();
        boolean replied;
    }

    /** What a reply answered: the request's type (null if unknown) and how long it waited. */
    record Answer(MessageType request, long latencyNanos) {}

    /** Requests sent and not yet answered, by tag. */
    private final Map<Integer, Pending> inFlight = new HashMap<>();
    /** Flushes not yet answered, by the tag they flush (oldtag). */
    private final Map<Integer, Flush> flushes = new HashMap<>();
    /** Tags whose request an Rflush ended without a reply; a reply for one is a server bug until the client reuses it. */
    private final Set<Integer> flushedTags = new HashSet<>();

    /** Tversion: version(5) aborts every outstanding request, and their replies must not come. */
    void reset(List<Note> notes) {
        if (!inFlight.isEmpty()) {
            notes.add(Note.of(Note.Kind.INFO, "Tversion aborts the " + inFlight.size()
                    + " request(s) in flight; their replies must not come (version(5))"));
        }
        inFlight.clear();
        flushes.clear();
        flushedTags.clear();
    }

    /** True if the request in flight under {@code tag} is a Tversion. */
    boolean awaitsVersion(int tag) {
        Pending p = inFlight.get(tag);
        return p != null && p.type() == MessageType.TVERSION;
    }

    /**
     * A request went out.
     *
     * @param type null for an unknown type (still tracked: an error reply may name its tag)
     * @param oldTag a Tflush's oldtag, else -1
     */
    void request(MessageType type, String name, int tag, int oldTag, long now, List<Note> notes) {
        if (type != MessageType.TVERSION) {
            Pending old = inFlight.get(tag);
            if (flushes.containsKey(tag)) {
                notes.add(Note.of(Note.Kind.VIOLATION, "client reused tag " + tag + " before the Rflush for it arrived "
                        + "(flush(5): the client must wait for the Rflush before reusing oldtag)"));
            } else if (old != null) {
                notes.add(Note.of(Note.Kind.VIOLATION, "tag " + tag + " is already in flight (" + old.name + " sent "
                        + SessionMonitor.millis(now - old.sentNanos) + " ago, unanswered): a client must not reuse a tag "
                        + "before its reply (intro(5))"));
            }
            flushedTags.remove(tag);
            if (type == MessageType.TFLUSH && oldTag >= 0) {
                flush(tag, oldTag, now, notes);
            }
        }
        Pending p = inFlight.get(tag);
        if (p != null) {
            p.types.add(type);
        } else {
            inFlight.put(tag, new Pending(type, name, now, oldTag));
        }
    }

    private void flush(int tag, int oldTag, long now, List<Note> notes) {
        Pending target = inFlight.get(oldTag);
        if (target == null) {
            notes.add(Note.of(Note.Kind.FLUSH, "flushes tag " + tagText(oldTag)
                    + ", which is not in flight: expect an Rflush at once"));
        } else if (target.type() == MessageType.TFLUSH) {
            notes.add(Note.of(Note.Kind.VIOLATION, "flushes tag " + oldTag + ", itself a Tflush: each Tflush must name "
                    + "the original request's tag (flush(5))"));
        } else {
            Flush f = flushes.computeIfAbsent(oldTag, k -> new Flush());
            f.flushTags.add(tag);
            notes.add(Note.of(Note.Kind.FLUSH, "flushes tag " + oldTag + " (" + target.name + ", in flight for "
                    + SessionMonitor.millis(now - target.sentNanos) + ")" + (f.flushTags.size() > 1 ? "; Tflush number "
                    + f.flushTags.size() + " for it" : "")));
        }
    }

    /**
     * A reply came back.
     *
     * @param type null for an unknown type
     * @return what it answered, or null if no request was in flight under its tag
     */
    Answer reply(MessageType type, int tag, long now, List<Note> notes) {
        Pending p = inFlight.get(tag);
        if (p == null) {
            if (flushedTags.remove(tag)) {
                notes.add(Note.of(Note.Kind.VIOLATION, "reply to tag " + tag + " after the Rflush that ended it: the "
                        + "Rflush overtook this reply (flush(5): no reply may follow the Rflush)"));
            } else {
                notes.add(Note.of(Note.Kind.VIOLATION, "reply to tag " + tagText(tag) + ", which has no request in flight"));
            }
            return null;
        }
        boolean error = type == MessageType.RERROR || type == MessageType.RLERROR;
        // With several requests under the tag (a client bug, flagged when sent) a reply answers the
        // one of its type; an error could answer any, and is taken for the newest, the one a
        // server refuses. Such a tag is ambiguous, so its replies are never called mismatched.
        int pending = p.types.size();
        int match = type == null || error ? -1 : p.types.indexOf(type.request());
        MessageType answered = p.types.remove(match >= 0 ? match : pending > 1 ? pending - 1 : 0);
        if (p.types.isEmpty()) {
            inFlight.remove(tag);
        }
        long latency = now - p.sentNanos;
        notes.add(Note.of(Note.Kind.LATENCY, SessionMonitor.millis(latency) + " after "
                + (answered == null ? p.name : answered.displayName())));
        if (pending > 1) {
            notes.add(Note.of(Note.Kind.INFO, "answers one of the " + pending + " requests in flight under tag " + tag));
        } else if (type != null && answered != null && !error && type.request() != answered) {
            notes.add(Note.of(Note.Kind.VIOLATION, type.displayName() + " does not answer " + answered.displayName()
                    + " (a reply's type is its request's plus one)"));
        }
        if (answered == MessageType.TFLUSH) {
            if (error) {
                notes.add(Note.of(Note.Kind.VIOLATION, "a Tflush answered with an error (flush(5): a Tflush can never be "
                        + "responded to by an Rerror)"));
            }
            flushAnswered(tag, p.oldTag, now, notes);
        } else {
            Flush f = flushes.get(tag);
            if (f != null) {
                f.replied = true;
                notes.add(Note.of(Note.Kind.FLUSH, "the reply won the flush race: it came before the Rflush (tag "
                        + f.flushTags.getLast() + "), so the client must honour it (flush(5))"));
            }
        }
        return new Answer(answered, latency);
    }

    private void flushAnswered(int flushTag, int oldTag, long now, List<Note> notes) {
        Flush f = flushes.get(oldTag);
        int at = f == null ? -1 : f.flushTags.indexOf(flushTag);
        if (at < 0) {
            notes.add(Note.of(Note.Kind.FLUSH, "nothing was cancelled: tag " + tagText(oldTag) + " was not in flight"));
            return;
        }
        // flush(5): "A Rflush for any of the multiple Tflushes implies an answer for all previous ones."
        List<Integer> ended = f.flushTags.subList(0, at + 1);
        for (int earlier : ended.subList(0, at)) {
            inFlight.remove(earlier);
            notes.add(Note.of(Note.Kind.FLUSH, "also answers the earlier Tflush tag " + earlier + " (flush(5))"));
        }
        ended.clear();
        if (f.replied) {
            notes.add(Note.of(Note.Kind.FLUSH, "flush race on tag " + oldTag + ": the reply came first, then this Rflush"));
        } else {
            Pending target = inFlight.remove(oldTag);
            if (target != null) {
                flushedTags.add(oldTag);
                notes.add(Note.of(Note.Kind.FLUSH, "tag " + oldTag + " (" + target.name + ") flushed after "
                        + SessionMonitor.millis(now - target.sentNanos) + ": no reply came before this Rflush, and none "
                        + "may follow"));
            }
        }
        if (f.flushTags.isEmpty()) {
            flushes.remove(oldTag);
        }
    }

    /** The requests never answered, as "3 (Tread), 7 (Twalk)", or null if none. */
    String unanswered() {
        if (inFlight.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (var e : new TreeMap<>(inFlight).entrySet()) {
            b.append(b.isEmpty() ? "" : ", ").append(tagText(e.getKey())).append(" (").append(e.getValue().name).append(')');
        }
        return inFlight.size() + " request(s) never answered: tag " + b;
    }

    static String tagText(int tag) {
        return tag == P9.NOTAG ? "NOTAG" : Integer.toString(tag);
    }
}
