package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * status: SUCCESS 0, BLOCKED 1, ERROR 2, GRACE 3.
 * <pre>size[4] Rlock tag[2] status[1]</pre>
 * See diod protocol.md.
 */
public record Rlock(int status) implements RMessage {
    public static final int SUCCESS = 0;
    public static final int BLOCKED = 1;
    public static final int ERROR = 2;
    public static final int GRACE = 3;

    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + 1;

    public Rlock {
        if (status < 0 || status > 0xFF) {
            throw new IllegalArgumentException("status " + status + " is not a byte");
        }
    }

    @Override
    public MessageType type() {
        return MessageType.RLOCK;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.put((byte) status);
    }

    public static Rlock decode(WireReader r, Dialect dialect) throws ProtocolException {
        int status = r.u8("status");
        return new Rlock(status);
    }
}
