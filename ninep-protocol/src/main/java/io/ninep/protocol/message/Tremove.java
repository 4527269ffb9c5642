package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * Removes the file that fid refers to and clunks fid, even if the removal fails.
 * <pre>size[4] Tremove tag[2] fid[4]</pre>
 * See remove(5).
 */
public record Tremove(int fid) implements TMessage {
    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + 4;

    @Override
    public MessageType type() {
        return MessageType.TREMOVE;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public long maxSuccessReplySize() {
        return P9.HEADER_SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(fid);
    }

    public static Tremove decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        return new Tremove(fid);
    }
}
