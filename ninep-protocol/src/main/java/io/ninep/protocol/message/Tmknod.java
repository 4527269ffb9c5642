package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import java.nio.ByteBuffer;

/**
 * Creates a special file name in directory dfid: mode holds the file type (S_IFIFO, S_IFSOCK,
 * S_IFCHR, S_IFBLK) and permissions.
 * <pre>size[4] Tmknod tag[2] dfid[4] name[s] mode[4] major[4] minor[4] gid[4]</pre>
 * See diod protocol.md.
 */
public record Tmknod(int dirFid, String name, int mode, int major, int minor, int gid) implements TMessage {
    public Tmknod {
        java.util.Objects.requireNonNull(name, "name");
    }

    @Override
    public MessageType type() {
        return MessageType.TMKNOD;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        int size = P9.HEADER_SIZE + 22;
        int nameLength = WireString.encodedLength(name);
        WireString.checkLength(nameLength);
        size += nameLength;
        return size;
    }

    @Override
    public long maxSuccessReplySize() {
        return Rmknod.SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(dirFid);
        WireString.put(out, name);
        out.putInt(mode);
        out.putInt(major);
        out.putInt(minor);
        out.putInt(gid);
    }

    public static Tmknod decode(WireReader r, Dialect dialect) throws ProtocolException {
        int dirFid = r.u32("dfid");
        String name = r.string("name");
        int mode = r.u32("mode");
        int major = r.u32("major");
        int minor = r.u32("minor");
        int gid = r.u32("gid");
        return new Tmknod(dirFid, name, mode, major, minor, gid);
    }
}
