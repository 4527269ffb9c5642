package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import java.nio.ByteBuffer;

/**
 * Creates regular file name in the directory fid with Linux open flags and mode, owned by gid,
 * and opens it: afterwards fid refers to the new file.
 * <pre>size[4] Tlcreate tag[2] fid[4] name[s] flags[4] mode[4] gid[4]</pre>
 * See diod protocol.md.
 */
public record Tlcreate(int fid, String name, int flags, int mode, int gid) implements TMessage {
    public Tlcreate {
        java.util.Objects.requireNonNull(name, "name");
    }

    @Override
    public MessageType type() {
        return MessageType.TLCREATE;
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
        return Rlcreate.SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(fid);
        WireString.put(out, name);
        out.putInt(flags);
        out.putInt(mode);
        out.putInt(gid);
    }

    public static Tlcreate decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        String name = r.string("name");
        int flags = r.u32("flags");
        int mode = r.u32("mode");
        int gid = r.u32("gid");
        return new Tlcreate(fid, name, flags, mode, gid);
    }
}
