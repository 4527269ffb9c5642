package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import java.nio.ByteBuffer;

/**
 * The link's target.
 * <pre>size[4] Rreadlink tag[2] target[s]</pre>
 * See diod protocol.md.
 */
public record Rreadlink(String target) implements RMessage {
    public Rreadlink {
        java.util.Objects.requireNonNull(target, "target");
    }

    @Override
    public MessageType type() {
        return MessageType.RREADLINK;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        int size = P9.HEADER_SIZE + 2;
        int targetLength = WireString.encodedLength(target);
        WireString.checkLength(targetLength);
        size += targetLength;
        return size;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        WireString.put(out, target);
    }

    public static Rreadlink decode(WireReader r, Dialect dialect) throws ProtocolException {
        String target = r.string("target");
        return new Rreadlink(target);
    }
}
