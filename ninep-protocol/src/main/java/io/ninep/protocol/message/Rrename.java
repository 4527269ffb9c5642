package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * The file was renamed.
 * <pre>size[4] Rrename tag[2]</pre>
 * See diod protocol.md.
 */
public record Rrename() implements RMessage {
    /** The message has no fields, so one value serves. */
    public static final Rrename INSTANCE = new Rrename();

    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE;

    @Override
    public MessageType type() {
        return MessageType.RRENAME;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
    }

    public static Rrename decode(WireReader r, Dialect dialect) throws ProtocolException {
        return INSTANCE;
    }
}
