package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * The server will send nothing more for the flushed tag; the tag may be reused.
 * <pre>size[4] Rflush tag[2]</pre>
 * See flush(5).
 */
public record Rflush() implements RMessage {
    /** The message has no fields, so one value serves. */
    public static final Rflush INSTANCE = new Rflush();

    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE;

    @Override
    public MessageType type() {
        return MessageType.RFLUSH;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
    }

    public static Rflush decode(WireReader r, Dialect dialect) throws ProtocolException {
        return INSTANCE;
    }
}
