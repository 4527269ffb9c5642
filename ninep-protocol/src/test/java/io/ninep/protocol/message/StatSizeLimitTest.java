package io.ninep.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.codec.FrameEncoder;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * A stat's size[2] and the n[2] before it in Rstat/Twstat cap it at 65535 bytes, though each
 * string in it may have up to 65535. A stat past the cap must be refused, not encoded with a
 * wrapped-around size that the peer would misread.
 */
class StatSizeLimitTest {

    private static Stat statWithStrings(int nameBytes, int uidBytes) {
        return new Stat(0, 0, new Qid(0, 0, 1), 0644, 0, 0, 0, "n".repeat(nameBytes), "u".repeat(uidBytes), "", "",
                "", P9.NONUNAME, P9.NONUNAME, P9.NONUNAME);
    }

    @Test
    void theLargestStatThatFitsNstatRoundTrips() throws ProtocolException {
        // 2 (size) + 39 (fixed) + 4 strings' lengths (8) = 49 bytes besides the strings.
        Stat largest = statWithStrings(65535 - 49, 0);
        assertThat(largest.encodedSize(Dialect.P9P2000)).isEqualTo(65535);
        Rstat r = new Rstat(largest);
        ByteBuffer wire = FrameEncoder.encode(new io.ninep.protocol.message.Frame(1, r), Dialect.P9P2000);
        assertThat(new FrameDecoder(Dialect.P9P2000, 1 << 20).decode(wire).body()).isEqualTo(r);
    }

    @Test
    void aStatTooLargeForNstatIsRefusedByRstatAndTwstat() {
        Stat tooLarge = statWithStrings(65535 - 48, 0);
        assertThat(tooLarge.encodedSize(Dialect.P9P2000)).isEqualTo(65536);
        assertThatThrownBy(() -> new Rstat(tooLarge).encodedSize(Dialect.P9P2000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Twstat(1, tooLarge).encodedSize(Dialect.P9P2000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Each string is legal on its own; together they overflow the stat's own size[2]. */
    @Test
    void aStatTooLargeForItsOwnSizeFieldIsRefused() {
        Stat huge = statWithStrings(40_000, 40_000);
        assertThatThrownBy(() -> huge.encodedSize(Dialect.P9P2000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> huge.encode(ByteBuffer.allocate(100_000), Dialect.P9P2000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The 9P2000.u fields count too: a stat that fits in 9P2000 may not fit in 9P2000.u. */
    @Test
    void theLimitDependsOnTheDialect() {
        Stat s = statWithStrings(65535 - 49, 0);
        assertThat(new Rstat(s).encodedSize(Dialect.P9P2000)).isEqualTo(P9.HEADER_SIZE + 2 + 65535);
        assertThatThrownBy(() -> new Rstat(s).encodedSize(Dialect.P9P2000_U)).isInstanceOf(IllegalArgumentException.class);
    }
}
