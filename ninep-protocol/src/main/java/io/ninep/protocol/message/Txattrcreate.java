package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import java.nio.ByteBuffer;

/**
 * Turns fid into a fid for writing extended attribute name, of attr_size bytes, with
 * setxattr(2) flags; the attribute is set when the fid is clunked.
 * <pre>size[4] Txattrcreate tag[2] fid[4] name[s] attr_size[8] flags[4]</pre>
 * See diod protocol.md.
 */
public record Txattrcreate(int fid, String name, long attrSize, int flags) implements TMessage {
    /** setxattr(2): fail if the attribute exists. */
    public static final int XATTR_CREATE = 1;
    /** setxattr(2): fail if the attribute does not exist. */
    public static final int XATTR_REPLACE = 2;

    public Txattrcreate {
        java.util.Objects.requireNonNull(name, "name");
    }

    @Override
    public MessageType type() {
        return MessageType.TXATTRCREATE;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        int size = P9.HEADER_SIZE + 18;
        int nameLength = WireString.encodedLength(name);
        WireString.checkLength(nameLength);
        size += nameLength;
        return size;
    }

    @Override
    public long maxSuccessReplySize() {
        return P9.HEADER_SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(fid);
        WireString.put(out, name);
        out.putLong(attrSize);
        out.putInt(flags);
    }

    public static Txattrcreate decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        String name = r.string("name");
        long attrSize = r.u64("attr_size");
        int flags = r.u32("flags");
        return new Txattrcreate(fid, name, attrSize, flags);
    }
}
