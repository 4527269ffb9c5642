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
 * Asks for an authentication file on afid, for user uname on the tree aname. A server that needs
 * no authentication answers with an error.
 * <pre>size[4] Tauth tag[2] afid[4] uname[s] aname[s]
 * (9P2000.u and 9P2000.L add) n_uname[4]</pre>
 * n_uname is the numeric user id, {@link P9#NONUNAME} when absent; in 9P2000 it is not sent and
 * decodes as NONUNAME. See attach(5).
 */
public record Tauth(int afid, String uname, String aname, int nUname) implements TMessage {
    public Tauth {
        Objects.requireNonNull(uname, "uname");
        Objects.requireNonNull(aname, "aname");
    }

    @Override
    public MessageType type() {
        return MessageType.TAUTH;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return Tattach.sizeOf(4, uname, aname, dialect);
    }

    @Override
    public long maxSuccessReplySize() {
        return Rauth.SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(afid);
        WireString.put(out, uname);
        WireString.put(out, aname);
        if (dialect.hasUnixExtensions()) {
            out.putInt(nUname);
        }
    }

    public static Tauth decode(WireReader r, Dialect dialect) throws ProtocolException {
        int afid = r.u32("afid");
        String uname = r.string("uname");
        String aname = r.string("aname");
        int nUname = dialect.hasUnixExtensions() ? r.u32("n_uname") : P9.NONUNAME;
        return new Tauth(afid, uname, aname, nUname);
    }
}
