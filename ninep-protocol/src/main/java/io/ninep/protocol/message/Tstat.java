package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * Asks for the stat of the file that fid refers to (9P2000 and 9P2000.u).
 * <pre>size[4] Tstat tag[2] fid[4]</pre>
 * See stat(5).
 */
public record Tstat(int fid) implements TMessage {
    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + 4;

    @Override
    public MessageType type() {
        return MessageType.TSTAT;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public long maxSuccessReplySize() {
        return P9.HEADER_SIZE + 2 + 2 + P9.MAX_STRING_BYTES;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(fid);
    }

    public static Tstat decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        return new Tstat(fid);
    }
}
