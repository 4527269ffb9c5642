package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * Asks for the attributes of the file fid refers to; request_mask selects them (the {@link
 * Attr} mask bits).
 * <pre>size[4] Tgetattr tag[2] fid[4] request_mask[8]</pre>
 * See diod protocol.md.
 */
public record Tgetattr(int fid, long requestMask) implements TMessage {
    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + 12;

    @Override
    public MessageType type() {
        return MessageType.TGETATTR;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public long maxSuccessReplySize() {
        return Rgetattr.SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(fid);
        out.putLong(requestMask);
    }

    public static Tgetattr decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        long requestMask = r.u64("request_mask");
        return new Tgetattr(fid, requestMask);
    }
}
