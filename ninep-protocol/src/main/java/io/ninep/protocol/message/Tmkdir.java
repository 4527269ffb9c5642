package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import java.nio.ByteBuffer;

/**
 * Creates directory name in directory dfid with mode and group gid.
 * <pre>size[4] Tmkdir tag[2] dfid[4] name[s] mode[4] gid[4]</pre>
 * See diod protocol.md.
 */
public record Tmkdir(int dirFid, String name, int mode, int gid) implements TMessage {
    public Tmkdir {
        java.util.Objects.requireNonNull(name, "name");
    }

    @Override
    public MessageType type() {
        return MessageType.TMKDIR;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        int size = P9.HEADER_SIZE + 14;
        int nameLength = WireString.encodedLength(name);
        WireString.checkLength(nameLength);
        size += nameLength;
        return size;
    }

    @Override
    public long maxSuccessReplySize() {
        return Rmkdir.SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(dirFid);
        WireString.put(out, name);
        out.putInt(mode);
        out.putInt(gid);
    }

    public static Tmkdir decode(WireReader r, Dialect dialect) throws ProtocolException {
        int dirFid = r.u32("dfid");
        String name = r.string("name");
        int mode = r.u32("mode");
        int gid = r.u32("gid");
        return new Tmkdir(dirFid, name, mode, gid);
    }
}
