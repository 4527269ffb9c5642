package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * fid is released.
 * <pre>size[4] Rclunk tag[2]</pre>
 * See clunk(5).
 */
public record Rclunk() implements RMessage {
    /** The message has no fields, so one value serves. */
    public static final Rclunk INSTANCE = new Rclunk();

    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE;

    @Override
    public MessageType type() {
        return MessageType.RCLUNK;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
    }

    public static Rclunk decode(WireReader r, Dialect dialect) throws ProtocolException {
        return INSTANCE;
    }
}
