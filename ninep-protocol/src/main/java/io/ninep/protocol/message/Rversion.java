package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import java.nio.ByteBuffer;

/**
 * The server's answer to Tversion: an msize no larger than asked for, and the version it will
 * speak, or "unknown".
 * <pre>size[4] Rversion tag[2] msize[4] version[s]</pre>
 * See version(5).
 */
public record Rversion(int msize, String version) implements RMessage {
    public Rversion {
        java.util.Objects.requireNonNull(version, "version");
    }

    @Override
    public MessageType type() {
        return MessageType.RVERSION;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        int size = P9.HEADER_SIZE + 6;
        int versionLength = WireString.encodedLength(version);
        WireString.checkLength(versionLength);
        size += versionLength;
        return size;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(msize);
        WireString.put(out, version);
    }

    public static Rversion decode(WireReader r, Dialect dialect) throws ProtocolException {
        int msize = r.u32("msize");
        String version = r.string("version");
        return new Rversion(msize, version);
    }
}
