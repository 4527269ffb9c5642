package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import java.nio.ByteBuffer;

/**
 * Negotiates the protocol version and the largest message size (msize) of the connection, and
 * resets it: outstanding requests are aborted and fids clunked. It travels with NOTAG.
 * <pre>size[4] Tversion tag[2] msize[4] version[s]</pre>
 * See version(5).
 */
public record Tversion(int msize, String version) implements TMessage {
    public Tversion {
        java.util.Objects.requireNonNull(version, "version");
    }

    @Override
    public MessageType type() {
        return MessageType.TVERSION;
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
    public long maxSuccessReplySize() {
        return P9.HEADER_SIZE + 4 + 2 + P9.MAX_STRING_BYTES;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(msize);
        WireString.put(out, version);
    }

    public static Tversion decode(WireReader r, Dialect dialect) throws ProtocolException {
        int msize = r.u32("msize");
        String version = r.string("version");
        return new Tversion(msize, version);
    }
}
