package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import java.nio.ByteBuffer;

/**
 * Creates a hard link name in directory dfid to the file fid refers to.
 * <pre>size[4] Tlink tag[2] dfid[4] fid[4] name[s]</pre>
 * See diod protocol.md.
 */
public record Tlink(int dirFid, int fid, String name) implements TMessage {
    public Tlink {
        java.util.Objects.requireNonNull(name, "name");
    }

    @Override
    public MessageType type() {
        return MessageType.TLINK;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        int size = P9.HEADER_SIZE + 10;
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
        out.putInt(dirFid);
        out.putInt(fid);
        WireString.put(out, name);
    }

    public static Tlink decode(WireReader r, Dialect dialect) throws ProtocolException {
        int dirFid = r.u32("dfid");
        int fid = r.u32("fid");
        String name = r.string("name");
        return new Tlink(dirFid, fid, name);
    }
}
