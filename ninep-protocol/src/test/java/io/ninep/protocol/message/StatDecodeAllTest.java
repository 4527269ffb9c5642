package io.ninep.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.testing.DialectNormalizer;
import io.ninep.protocol.testing.Hex;
import io.ninep.protocol.testing.WireArbitraries;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Unpacking a 9P2000 directory read: stats back to back, each starting with its size[2] (stat(5)). */
class StatDecodeAllTest {

    /** Two 9P2000 stats, laid out by hand: a directory "usr" and a file "a". */
    private static final String TWO = ""
            + "4100 0000 00000000 80 00000000 0100000000000000 ed010080 00f15365 01f15365 0000000000000000"
            + " 0300 757372 0600 676c656e6461 0300 737973 0600 676c656e6461"
            + " 3200 0000 00000000 00 05000000 0200000000000000 a4010000 01000000 02000000 0300000000000000"
            + " 0100 61 0100 75 0100 67 0000";

    @Test
    void decodesEveryStatInOrder() throws ProtocolException {
        List<Stat> stats = Stat.decodeAll(ByteBuffer.wrap(Hex.decode(TWO)), Dialect.P9P2000, new WireReader());
        assertThat(stats).hasSize(2);
        assertThat(stats.get(0)).isEqualTo(new Stat(0, 0, new Qid(Qid.DIR, 0, 1), Stat.DMDIR | 0755,
                1700000000, 1700000001, 0, "usr", "glenda", "sys", "glenda", "", P9.NONUNAME, P9.NONUNAME, P9.NONUNAME));
        assertThat(stats.get(1)).isEqualTo(new Stat(0, 0, new Qid(Qid.FILE, 5, 2), 0644, 1, 2, 3,
                "a", "u", "g", "", "", P9.NONUNAME, P9.NONUNAME, P9.NONUNAME));
    }

    @Test
    void aTruncatedStatIsAProtocolException() {
        byte[] all = Hex.decode(TWO);
        for (int cut : new int[] {1, 2, 20, 51}) {
            ProtocolException e = catchThrowableOfType(ProtocolException.class,
                    () -> Stat.decodeAll(ByteBuffer.wrap(all, 0, all.length - cut), Dialect.P9P2000, new WireReader()));
            assertThat(e).as("cut %d", cut).isNotNull();
            assertThat(e.messageType()).isEqualTo("Rread(directory)");
            assertThat(e.field()).isEqualTo("stat.size");
        }
    }

    @Test
    void aLoneByteAfterTheLastStatIsAProtocolException() {
        byte[] all = Hex.decode(TWO + " 00");
        ProtocolException e = catchThrowableOfType(ProtocolException.class,
                () -> Stat.decodeAll(ByteBuffer.wrap(all), Dialect.P9P2000, new WireReader()));
        assertThat(e.field()).isEqualTo("stat.size");
    }

    @Property(tries = 300)
    void packedStatsComeBackAsTheDialectCarriesThem(@ForAll("stats") List<Stat> stats, @ForAll Dialect dialect)
            throws ProtocolException {
        List<Stat> back = Stat.decodeAll(WireArbitraries.packStats(stats, dialect), dialect, new WireReader());
        assertThat(back).isEqualTo(stats.stream().map(s -> DialectNormalizer.normalize(s, dialect)).toList());
    }

    @Provide
    Arbitrary<List<Stat>> stats() {
        return WireArbitraries.stats().list().ofMaxSize(8);
    }
}
