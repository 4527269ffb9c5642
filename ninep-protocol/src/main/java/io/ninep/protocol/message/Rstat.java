package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The stat of the file asked about (9P2000 and 9P2000.u).
 * <pre>size[4] Rstat tag[2] stat[n]</pre>
 * stat[n] is a 2-byte count n followed by the {@link Stat}, which begins with its own size[2]
 * (so n is that size plus 2). See stat(5).
 */
public record Rstat(Stat stat) implements RMessage {
    public Rstat {
        Objects.requireNonNull(stat, "stat");
    }

    @Override
    public MessageType type() {
        return MessageType.RSTAT;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return P9.HEADER_SIZE + 2 + countedStatSize(stat, dialect);
    }

    /** The value of n[2] before a stat in Rstat and Twstat: the whole stat, which must fit 2 bytes. */
    static int countedStatSize(Stat stat, Dialect dialect) {
        int n = stat.encodedSize(dialect);
        if (n > 0xFFFF) {
            throw new IllegalArgumentException("stat of " + n + " bytes does not fit n[2]");
        }
        return n;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putShort((short) stat.encodedSize(dialect));
        stat.encode(out, dialect);
    }

    public static Rstat decode(WireReader r, Dialect dialect) throws ProtocolException {
        return new Rstat(decodeCountedStat(r, dialect));
    }

    /** Reads {@code n[2]} then a stat that must fill exactly those n bytes. */
    static Stat decodeCountedStat(WireReader r, Dialect dialect) throws ProtocolException {
        int n = r.u16("nstat");
        int outer = r.narrowTo("nstat", n);
        try {
            Stat stat = Stat.decode(r, dialect);
            if (r.remaining() > 0) {
                int extra = r.remaining();
                r.tolerate("nstat", "nstat says " + n + " bytes, the stat holds " + (n - extra) + "; rest ignored");
                r.skip(extra);
            }
            return stat;
        } finally {
            r.restoreEnd(outer);
        }
    }
}
