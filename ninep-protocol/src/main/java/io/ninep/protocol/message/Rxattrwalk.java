package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * The size of the attribute value (or name list) that newfid reads.
 * <pre>size[4] Rxattrwalk tag[2] size[8]</pre>
 * See diod protocol.md.
 */
public record Rxattrwalk(long size) implements RMessage {
    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + 8;

    @Override
    public MessageType type() {
        return MessageType.RXATTRWALK;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putLong(size);
    }

    public static Rxattrwalk decode(WireReader r, Dialect dialect) throws ProtocolException {
        long size = r.u64("size");
        return new Rxattrwalk(size);
    }
}
