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
 * The request failed (9P2000 and 9P2000.u).
 * <pre>size[4] Rerror tag[2] ename[s]
 * (9P2000.u adds) errno[4]</pre>
 * In plain 9P2000 errno is not sent and decodes as 0.
 *
 * <p>Some 9P2000.L servers answer with this type instead of Rlerror: nfs-ganesha sends type 107
 * with a bare errno[4] and no string. A lenient decoder accepts that as an Rerror with an empty
 * ename and reports the quirk; a strict one refuses it. See error(5).
 */
public record Rerror(String ename, int errno) implements RMessage, ErrorReply {
    public Rerror {
        Objects.requireNonNull(ename, "ename");
    }

    @Override
    public String text() {
        return ename;
    }

    @Override
    public MessageType type() {
        return MessageType.RERROR;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        int len = WireString.encodedLength(ename);
        WireString.checkLength(len);
        return P9.HEADER_SIZE + 2 + len + (dialect.hasUnixExtensions() ? 4 : 0);
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        WireString.put(out, ename);
        if (dialect.hasUnixExtensions()) {
            out.putInt(errno);
        }
    }

    public static Rerror decode(WireReader r, Dialect dialect) throws ProtocolException {
        if (dialect == Dialect.P9P2000_L && r.remaining() == 4) {
            r.tolerate("ename", "Rerror (107) with a bare errno[4] in 9P2000.L (as nfs-ganesha sends); read as errno");
            return new Rerror("", r.u32("errno"));
        }
        String ename = r.string("ename");
        int errno = 0;
        if (dialect.hasUnixExtensions()) {
            if (r.remaining() == 0 && dialect == Dialect.P9P2000_U) {
                r.tolerate("errno", "9P2000.u Rerror without errno");
            } else {
                errno = r.u32("errno");
            }
        }
        return new Rerror(ename, errno);
    }
}
