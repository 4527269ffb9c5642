package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Creates file name in the directory fid with permissions perm (DM* bits included) and opens it
 * in mode; afterwards fid refers to the new file (9P2000 and 9P2000.u).
 * <pre>size[4] Tcreate tag[2] fid[4] name[s] perm[4] mode[1]
 * (9P2000.u adds) extension[s]</pre>
 * The 9P2000.u extension names a symlink's target, "b major minor" / "c major minor" for devices,
 * or a hard link's fid; it is not sent in 9P2000 and decodes as "". See open(5).
 */
public record Tcreate(int fid, String name, int perm, int mode, String extension) implements TMessage {
    public Tcreate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(extension, "extension");
        if (mode < 0 || mode > 0xFF) {
            throw new IllegalArgumentException("mode " + mode + " is not a byte");
        }
    }

    @Override
    public MessageType type() {
        return MessageType.TCREATE;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        int n = WireString.encodedLength(name);
        WireString.checkLength(n);
        int size = P9.HEADER_SIZE + 4 + 2 + n + 4 + 1;
        if (dialect.hasUnixExtensions()) {
            int e = WireString.encodedLength(extension);
            WireString.checkLength(e);
            size += 2 + e;
        }
        return size;
    }

    @Override
    public long maxSuccessReplySize() {
        return Rcreate.SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(fid);
        WireString.put(out, name);
        out.putInt(perm);
        out.put((byte) mode);
        if (dialect.hasUnixExtensions()) {
            WireString.put(out, extension);
        }
    }

    public static Tcreate decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        String name = r.string("name");
        int perm = r.u32("perm");
        int mode = r.u8("mode");
        String extension = dialect.hasUnixExtensions() ? r.string("extension") : "";
        return new Tcreate(fid, name, perm, mode, extension);
    }
}
