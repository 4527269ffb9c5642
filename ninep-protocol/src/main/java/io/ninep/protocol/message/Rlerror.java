package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * The request failed with a Linux errno (9P2000.L's replacement for Rerror).
 * <pre>size[4] Rlerror tag[2] ecode[4]</pre>
 * See diod protocol.md.
 */
public record Rlerror(int errno) implements RMessage, ErrorReply {
    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + 4;

    /** Rlerror carries no text; the errno says it all. */
    @Override
    public String text() {
        return "";
    }

    @Override
    public MessageType type() {
        return MessageType.RLERROR;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(errno);
    }

    public static Rlerror decode(WireReader r, Dialect dialect) throws ProtocolException {
        int errno = r.u32("ecode");
        return new Rlerror(errno);
    }
}
