package io.ninep.protocol.message;

import io.ninep.protocol.P9;

/**
 * A message with the tag of the exchange it belongs to: what travels on the wire.
 * {@code size[4] type[1] tag[2] body}.
 *
 * @param tag 0 to 65535; {@link P9#NOTAG} for Tversion/Rversion
 */
public record Frame(int tag, Message body) {
    public Frame {
        if (tag < 0 || tag > 0xFFFF) {
            throw new IllegalArgumentException("tag " + tag + " is not a 16-bit value");
        }
        java.util.Objects.requireNonNull(body, "body");
    }

    /** Tversion and Rversion travel with NOTAG (version(5)). */
    public static Frame version(Message body) {
        return new Frame(P9.NOTAG, body);
    }
}
