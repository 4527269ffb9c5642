package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * Opens fid for I/O with Linux open(2) flags (O_RDONLY, O_WRONLY, O_RDWR, O_TRUNC, O_APPEND,
 * ...).
 * <pre>size[4] Tlopen tag[2] fid[4] flags[4]</pre>
 * See diod protocol.md.
 */
public record Tlopen(int fid, int flags) implements TMessage {
    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + 8;

    @Override
    public MessageType type() {
        return MessageType.TLOPEN;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public long maxSuccessReplySize() {
        return Rlopen.SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(fid);
        out.putInt(flags);
    }

    public static Tlopen decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        int flags = r.u32("flags");
        return new Tlopen(fid, flags);
    }
}
