package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import java.nio.ByteBuffer;

/**
 * Creates symbolic link name in directory fid, pointing at symtgt, with group gid.
 * <pre>size[4] Tsymlink tag[2] fid[4] name[s] symtgt[s] gid[4]</pre>
 * See diod protocol.md.
 */
public record Tsymlink(int fid, String name, String target, int gid) implements TMessage {
    public Tsymlink {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(target, "target");
    }

    @Override
    public MessageType type() {
        return MessageType.TSYMLINK;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        int size = P9.HEADER_SIZE + 12;
        int nameLength = WireString.encodedLength(name);
        WireString.checkLength(nameLength);
        size += nameLength;
        int targetLength = WireString.encodedLength(target);
        WireString.checkLength(targetLength);
        size += targetLength;
        return size;
    }

    @Override
    public long maxSuccessReplySize() {
        return Rsymlink.SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(fid);
        WireString.put(out, name);
        WireString.put(out, target);
        out.putInt(gid);
    }

    public static Tsymlink decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        String name = r.string("name");
        String target = r.string("symtgt");
        int gid = r.u32("gid");
        return new Tsymlink(fid, name, target, gid);
    }
}
