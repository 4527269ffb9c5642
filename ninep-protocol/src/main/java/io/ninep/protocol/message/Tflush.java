package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * Asks the server to abort the request tagged oldtag. The reply to that request, if the server
 * sends one, comes before the Rflush.
 * <pre>size[4] Tflush tag[2] oldtag[2]</pre>
 * See flush(5).
 */
public record Tflush(int oldTag) implements TMessage {
    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + 2;

    public Tflush {
        if (oldTag < 0 || oldTag > 0xFFFF) {
            throw new IllegalArgumentException("oldtag " + oldTag + " is not a 16-bit value");
        }
    }

    @Override
    public MessageType type() {
        return MessageType.TFLUSH;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public long maxSuccessReplySize() {
        return P9.HEADER_SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putShort((short) oldTag);
    }

    public static Tflush decode(WireReader r, Dialect dialect) throws ProtocolException {
        int oldTag = r.u16("oldtag");
        return new Tflush(oldTag);
    }
}
