package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * Asks for the statistics of the file system that holds fid.
 * <pre>size[4] Tstatfs tag[2] fid[4]</pre>
 * See diod protocol.md.
 */
public record Tstatfs(int fid) implements TMessage {
    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + 4;

    @Override
    public MessageType type() {
        return MessageType.TSTATFS;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public long maxSuccessReplySize() {
        return Rstatfs.SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(fid);
    }

    public static Tstatfs decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        return new Tstatfs(fid);
    }
}
