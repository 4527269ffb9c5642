package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * Reads directory entries of the directory open on fid, starting after the entry whose offset
 * is given (0 for the start), at most count bytes of them.
 * <pre>size[4] Treaddir tag[2] fid[4] offset[8] count[4]</pre>
 * See diod protocol.md.
 */
public record Treaddir(int fid, long offset, int count) implements TMessage {
    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + 16;

    @Override
    public MessageType type() {
        return MessageType.TREADDIR;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public long maxSuccessReplySize() {
        return P9.HEADER_SIZE + 4 + Integer.toUnsignedLong(count);
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(fid);
        out.putLong(offset);
        out.putInt(count);
    }

    public static Treaddir decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        long offset = r.u64("offset");
        int count = r.u32("count");
        return new Treaddir(fid, offset, count);
    }
}
