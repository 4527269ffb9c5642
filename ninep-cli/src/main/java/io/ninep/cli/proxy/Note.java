package io.ninep.cli.proxy;

/**
 * One annotation on a traced frame: what a person debugging 9P would otherwise work out by hand.
 *
 * @param kind what sort of remark it is
 * @param text the remark, one line, no trailing period
 */
public record Note(Kind kind, String text) {

    public enum Kind {
        /** How long the request waited for this reply. */
        LATENCY,
        /** Version and msize negotiation. */
        VERSION,
        /** The fate of a Tflush and of the request it flushes. */
        FLUSH,
        /** Something a lenient decoder tolerated (bytes after the message, a nonstandard error). */
        QUIRK,
        /** The sender broke a rule of the protocol; the text says which and cites the manual. */
        VIOLATION,
        /** The frame could not be decoded; the event carries its bytes in hex. */
        UNDECODABLE,
        /** Anything else worth knowing (connection opened or closed, requests left unanswered). */
        INFO;

        /** The lowercase name used in JSON. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Note of(Kind kind, String text) {
        return new Note(kind, text);
    }
}
