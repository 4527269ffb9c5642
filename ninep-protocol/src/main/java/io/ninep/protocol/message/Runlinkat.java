package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * The name was removed.
 * <pre>size[4] Runlinkat tag[2]</pre>
 * See diod protocol.md.
 */
public record Runlinkat() implements RMessage {
    /** The message has no fields, so one value serves. */
    public static final Runlinkat INSTANCE = new Runlinkat();

    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE;

    @Override
    public MessageType type() {
        return MessageType.RUNLINKAT;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
    }

    public static Runlinkat decode(WireReader r, Dialect dialect) throws ProtocolException {
        return INSTANCE;
    }
}
