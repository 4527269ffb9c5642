package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * The number of bytes written.
 * <pre>size[4] Rwrite tag[2] count[4]</pre>
 * See read(5).
 */
public record Rwrite(int count) implements RMessage {
    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + 4;

    @Override
    public MessageType type() {
        return MessageType.RWRITE;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(count);
    }

    public static Rwrite decode(WireReader r, Dialect dialect) throws ProtocolException {
        int count = r.u32("count");
        return new Rwrite(count);
    }
}
