package io.ninep.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.Quirk;
import io.ninep.protocol.Strictness;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Rerror;
import io.ninep.protocol.message.Rflush;
import io.ninep.protocol.message.Rstat;
import io.ninep.protocol.message.Stat;
import io.ninep.protocol.testing.Hex;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What real servers send that the protocol does not allow: a strict decoder refuses it, a
 * lenient one decodes it and reports a Quirk naming the message and field.
 */
class LenientDecodingTest {

    /** A 9P2000 stat of "usr" (golden/messages.txt), inside an Rstat: n[2] then the stat. */
    private static final String RSTAT_9P2000 = "4c000000 7d 0900 4300 4100 0000 00000000 80 00000000 0100000000000000"
            + " ed010080 00f15365 01f15365 0000000000000000 0300 757372 0600 676c656e6461 0300 737973 0600 676c656e6461";

    private final List<Quirk> quirks = new ArrayList<>();

    /** nfs-ganesha answers 9P2000.L requests with type 107 carrying a bare errno[4]. */
    @Test
    void nfsGaneshasRerrorWithABareErrnoIn9P2000L() throws ProtocolException {
        String hex = "0b000000 6b 0100 02000000";

        ProtocolException strict = strictlyRefused(Dialect.P9P2000_L, hex);
        assertThat(strict.messageType()).isEqualTo("Rerror");

        assertThat(leniently(Dialect.P9P2000_L, hex)).isEqualTo(new Frame(1, new Rerror("", 2)));
        assertThat(quirks).extracting(Quirk::messageType).containsOnly("Rerror");
        assertThat(quirks).extracting(Quirk::field).contains("type", "ename");
    }

    /** kvmtool's Rflush carries two bytes more than the empty body flush(5) defines. */
    @Test
    void kvmtoolsRflushWithTwoExtraBytes() throws ProtocolException {
        String hex = "09000000 6d 0500 0000";

        ProtocolException strict = strictlyRefused(Dialect.P9P2000_L, hex);
        assertThat(strict.messageType()).isEqualTo("Rflush");
        assertThat(strict.field()).isEqualTo("size");
        assertThat(strict.getMessage()).contains("2 bytes after the end");

        assertThat(leniently(Dialect.P9P2000_L, hex)).isEqualTo(new Frame(5, Rflush.INSTANCE));
        assertThat(quirks).containsExactly(
                new Quirk("Rflush", "size", "2 bytes after the end of the message, ignored"));
        assertThat(quirks.getFirst().toString()).isEqualTo("Rflush.size: 2 bytes after the end of the message, ignored");
    }

    @Test
    void a9P2000uRerrorWithoutErrno() throws ProtocolException {
        String hex = "0c000000 6b 0100 0300 626164";
        assertThat(strictlyRefused(Dialect.P9P2000_U, hex).field()).isEqualTo("errno");
        assertThat(leniently(Dialect.P9P2000_U, hex)).isEqualTo(new Frame(1, new Rerror("bad", 0)));
        assertThat(quirks).extracting(Quirk::field).containsExactly("errno");
    }

    /** A server that speaks 9P2000.u but sends plain 9P2000 stats. */
    @Test
    void a9P2000StatIn9P2000uReadsWithAbsentUnixFields() throws ProtocolException {
        assertThat(strictlyRefused(Dialect.P9P2000_U, RSTAT_9P2000).field()).isEqualTo("stat.extension");

        Stat stat = ((Rstat) leniently(Dialect.P9P2000_U, RSTAT_9P2000).body()).stat();
        assertThat(stat.name()).isEqualTo("usr");
        assertThat(stat.extension()).isEmpty();
        assertThat(List.of(stat.nUid(), stat.nGid(), stat.nMuid())).containsOnly(P9.NONUNAME);
        assertThat(quirks).extracting(Quirk::messageType, Quirk::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Rstat", "stat.extension"));
    }

    @Test
    void nstatLargerThanTheStatItHolds() throws ProtocolException {
        // The 9P2000 Rstat with nstat 0x43 -> 0x45 and two more bytes at the end (size 0x4c -> 0x4e).
        String hex = RSTAT_9P2000.replace("4c000000 7d 0900 4300", "4e000000 7d 0900 4500") + " eeee";
        ProtocolException strict = strictlyRefused(Dialect.P9P2000, hex);
        assertThat(strict.field()).isEqualTo("nstat");

        Stat stat = ((Rstat) leniently(Dialect.P9P2000, hex).body()).stat();
        assertThat(stat.muid()).isEqualTo("glenda");
        assertThat(quirks).extracting(Quirk::field).containsExactly("nstat");
    }

    @Test
    void statSizeLargerThanItsFields() throws ProtocolException {
        // stat.size 0x41 -> 0x43 and nstat 0x43 -> 0x45, two more bytes inside the stat.
        String hex = RSTAT_9P2000.replace("4c000000 7d 0900 4300 4100", "4e000000 7d 0900 4500 4300") + " eeee";
        assertThat(strictlyRefused(Dialect.P9P2000, hex).field()).isEqualTo("stat.size");
        assertThat(((Rstat) leniently(Dialect.P9P2000, hex).body()).stat().gid()).isEqualTo("sys");
        assertThat(quirks).extracting(Quirk::field).containsExactly("stat.size");
    }

    /** Leniency is for deviations that can be understood, not for broken frames. */
    @Test
    void leniencyDoesNotExtendToTruncation() {
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () ->
                new FrameDecoder(Dialect.P9P2000_L, 8192, Strictness.LENIENT, quirks::add)
                        .decode(ByteBuffer.wrap(Hex.decode("0a000000 6b 0100 020000"))));
        assertThat(e).isNotNull();
        assertThat(quirks).extracting(Quirk::field).containsExactly("type");
    }

    @Test
    void aStrictDecoderNeverReportsQuirks() {
        strictlyRefused(Dialect.P9P2000_L, "09000000 6d 0500 0000");
        assertThat(quirks).isEmpty();
    }

    private Frame leniently(Dialect d, String hex) throws ProtocolException {
        return new FrameDecoder(d, 65536, Strictness.LENIENT, quirks::add).decode(ByteBuffer.wrap(Hex.decode(hex)));
    }

    private ProtocolException strictlyRefused(Dialect d, String hex) {
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () ->
                new FrameDecoder(d, 65536, Strictness.STRICT, quirks::add).decode(ByteBuffer.wrap(Hex.decode(hex))));
        assertThat(e).as("strict %s decoder accepted %s", d, hex).isNotNull();
        return e;
    }
}
