package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * The stat changes were applied, all of them.
 * <pre>size[4] Rwstat tag[2]</pre>
 * See stat(5).
 */
public record Rwstat() implements RMessage {
    /** The message has no fields, so one value serves. */
    public static final Rwstat INSTANCE = new Rwstat();

    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE;

    @Override
    public MessageType type() {
        return MessageType.RWSTAT;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
    }

    public static Rwstat decode(WireReader r, Dialect dialect) throws ProtocolException {
        return INSTANCE;
    }
}
