package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * Reads at most count bytes at offset of the file open on fid (for a 9P2000 directory: whole
 * stat entries).
 * <pre>size[4] Tread tag[2] fid[4] offset[8] count[4]</pre>
 * See read(5).
 */
public record Tread(int fid, long offset, int count) implements TMessage {
    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + 16;

    @Override
    public MessageType type() {
        return MessageType.TREAD;
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

    public static Tread decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        long offset = r.u64("offset");
        int count = r.u32("count");
        return new Tread(fid, offset, count);
    }
}
