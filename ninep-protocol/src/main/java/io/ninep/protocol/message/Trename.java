package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import java.nio.ByteBuffer;

/**
 * Renames the file fid refers to, to name in directory dfid.
 * <pre>size[4] Trename tag[2] fid[4] dfid[4] name[s]</pre>
 * See diod protocol.md.
 */
public record Trename(int fid, int dirFid, String name) implements TMessage {
    public Trename {
        java.util.Objects.requireNonNull(name, "name");
    }

    @Override
    public MessageType type() {
        return MessageType.TRENAME;
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
        out.putInt(fid);
        out.putInt(dirFid);
        WireString.put(out, name);
    }

    public static Trename decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        int dirFid = r.u32("dfid");
        String name = r.string("name");
        return new Trename(fid, dirFid, name);
    }
}
