package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * Changes the attributes of the file fid refers to, as selected by the valid mask of {@link
 * SetAttr}.
 * <pre>size[4] Tsetattr tag[2] fid[4] valid[4] mode[4] uid[4] gid[4] size[8] atime_sec[8] atime_nsec[8] mtime_sec[8] mtime_nsec[8]</pre>
 * See diod protocol.md.
 */
public record Tsetattr(int fid, SetAttr changes) implements TMessage {
    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + 4 + SetAttr.SIZE_ON_WIRE;

    public Tsetattr {
        java.util.Objects.requireNonNull(changes, "changes");
    }

    @Override
    public MessageType type() {
        return MessageType.TSETATTR;
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
        changes.encode(out);
    }

    public static Tsetattr decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        SetAttr changes = SetAttr.decode(r);
        return new Tsetattr(fid, changes);
    }
}
