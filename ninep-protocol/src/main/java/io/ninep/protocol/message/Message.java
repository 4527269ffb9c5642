package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import java.nio.ByteBuffer;

/**
 * One 9P message body, as an immutable value. The tag is not part of it: it travels in the
 * {@link Frame} envelope, because the exchange a message belongs to is decided when it is sent,
 * not when it is made.
 *
 * <p>Each record's Javadoc gives its wire layout in the notation of the Plan 9 manual, section 5.
 * Integers are little-endian and unsigned on the wire; Java ints and longs hold them bit for bit
 * (compare u32 values with {@link Integer#compareUnsigned}).
 */
public sealed interface Message permits TMessage, RMessage {

    MessageType type();

    /**
     * The exact number of bytes this message takes on the wire in {@code dialect}, including the
     * 7-byte header (size[4] type[1] tag[2]) and any payload.
     *
     * @throws IllegalArgumentException if a string field is longer than the protocol allows
     */
    int encodedSize(Dialect dialect);

    /**
     * Writes the body (everything after the tag) except the {@link #payload()}, which a frame
     * writer sends from its own buffer so that it is never copied.
     */
    void encodeBody(ByteBuffer out, Dialect dialect);

    /**
     * The bulk data that ends this message (Twrite data, Rread data, Rreaddir entries), or null.
     * It is a view of the caller's or the frame's bytes, not a copy; its position and limit frame
     * the data, and encoding does not move them.
     */
    default ByteBuffer payload() {
        return null;
    }
}
