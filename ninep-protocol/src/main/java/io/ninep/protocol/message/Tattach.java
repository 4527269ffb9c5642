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
 * Makes fid the root of the tree aname for user uname, authenticated through afid
 * ({@link P9#NOFID} for none).
 * <pre>size[4] Tattach tag[2] fid[4] afid[4] uname[s] aname[s]
 * (9P2000.u and 9P2000.L add) n_uname[4]</pre>
 * n_uname, when not {@link P9#NONUNAME}, is the numeric user id and takes precedence over uname;
 * the Linux client with access=client sends one Tattach per local uid with it set. In 9P2000 it
 * is not sent and decodes as NONUNAME. See attach(5).
 */
public record Tattach(int fid, int afid, String uname, String aname, int nUname) implements TMessage {
    public Tattach {
        Objects.requireNonNull(uname, "uname");
        Objects.requireNonNull(aname, "aname");
    }

    @Override
    public MessageType type() {
        return MessageType.TATTACH;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return sizeOf(8, uname, aname, dialect);
    }

    /** Size of an auth/attach message with {@code fids} bytes of fids before the two names. */
    static int sizeOf(int fids, String uname, String aname, Dialect dialect) {
        int u = WireString.encodedLength(uname);
        int a = WireString.encodedLength(aname);
        WireString.checkLength(u);
        WireString.checkLength(a);
        return P9.HEADER_SIZE + fids + 2 + u + 2 + a + (dialect.hasUnixExtensions() ? 4 : 0);
    }

    @Override
    public long maxSuccessReplySize() {
        return Rattach.SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(fid);
        out.putInt(afid);
        WireString.put(out, uname);
        WireString.put(out, aname);
        if (dialect.hasUnixExtensions()) {
            out.putInt(nUname);
        }
    }

    public static Tattach decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        int afid = r.u32("afid");
        String uname = r.string("uname");
        String aname = r.string("aname");
        int nUname = dialect.hasUnixExtensions() ? r.u32("n_uname") : P9.NONUNAME;
        return new Tattach(fid, afid, uname, aname, nUname);
    }
}
