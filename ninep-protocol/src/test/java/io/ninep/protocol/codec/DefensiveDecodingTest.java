package io.ninep.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.Strictness;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.testing.Hex;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed frames, one flaw each, written out by hand. Each must be refused with a
 * ProtocolException that names the message and the field, in strict and lenient mode alike
 * (these are not quirks a lenient decoder may forgive).
 */
class DefensiveDecodingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        size 0                        | 00000000 64 ffff                     | size | 0 is smaller
        size 6, below the header      | 06000000 64 ffff                     | size | 6 is smaller
        size above msize 8192         | 01200000 75 0100 00000000            | size | 8193 exceeds msize 8192
        size beyond the bytes there   | 64000000 75 0100 00000000            | size | only 11 are there
        only 3 bytes                  | 070000                               | size | needs 4 bytes
        unknown type 250              | 07000000 fa 0100                     | type | unknown type 250
        reserved type 6 (Tlerror)     | 07000000 06 0100                     | type | Tlerror (reserved
        reserved type 106 (Terror)    | 07000000 6a 0100                     | type | Terror (reserved
        """)
    void wholeFrameProblemsNameTheHeaderField(String what, String hex, String field, String detail) {
        for (Strictness s : Strictness.values()) {
            ProtocolException e = refused(Dialect.P9P2000_L, 8192, s, hex);
            assertThat(e.messageType()).isNull();
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(detail);
        }
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', textBlock = """
        Tlopen | 9P2000   | 0f000000 0c 0100 00000000 00000000
        Tlopen | 9P2000.u | 0f000000 0c 0100 00000000 00000000
        Topen  | 9P2000.L | 0c000000 70 0100 01000000 00
        Tstat  | 9P2000.L | 0b000000 7c 0100 01000000
        Rlerror| 9P2000   | 0b000000 07 0100 02000000
        """)
    void aTypeTheDialectLacksIsRefused(String type, String dialect, String hex) {
        Dialect d = Dialect.parse(dialect);
        for (Strictness s : Strictness.values()) {
            ProtocolException e = refused(d, 8192, s, hex);
            assertThat(e.messageType()).isEqualTo(type);
            assertThat(e.field()).isEqualTo("type");
            assertThat(e.getMessage()).contains("not part of " + dialect);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        Twalk nwname 5, no names                | 9P2000.L | 11000000 6e 0100 00000000 01000000 0500                          | Twalk     | nwname    | count 5
        Twalk nwname 65535                      | 9P2000   | 11000000 6e 0100 00000000 01000000 ffff                          | Twalk     | nwname    | count 65535
        Twalk second name longer than the frame | 9P2000.u | 19000000 6e 0100 00000000 01000000 0200 0300 757372 0900 62      | Twalk     | wname[1]  | string of 9 bytes, only 1 left
        Rwalk nwqid 2, one qid                  | 9P2000.L | 16000000 6f 0100 0200 80 00000000 0100000000000000               | Rwalk     | nwqid     | count 2
        Rwalk qid cut short                     | 9P2000.L | 15000000 6f 0100 0100 80 00000000 01000000000000                 | Rwalk     | nwqid     | count 1
        Rread count 1000, 4 bytes of data       | 9P2000   | 0f000000 75 0100 e8030000 61626364                               | Rread     | data      | says 1000 bytes, only 4 left
        Rread count 2^32-1                      | 9P2000.L | 0b000000 75 0100 ffffffff                                        | Rread     | data      | says 4294967295 bytes
        Twrite count past the frame             | 9P2000.u | 19000000 76 0100 01000000 0000000000000000 ffffffff 6869         | Twrite    | data      | says 4294967295 bytes, only 2 left
        Rreaddir count past the frame           | 9P2000.L | 0f000000 29 0100 10000000 00000000                               | Rreaddir  | data      | says 16 bytes, only 4 left
        Tversion version longer than the frame  | 9P2000.L | 0f000000 64 ffff 00200000 0800 3950                              | Tversion  | version   | string of 8 bytes, only 2 left
        Rerror ename longer than the frame      | 9P2000   | 0b000000 6b 0100 ff00 6f6f                                       | Rerror    | ename     | string of 255 bytes, only 2 left
        Tclunk fid cut short                    | 9P2000   | 09000000 78 0100 0100                                            | Tclunk    | fid       | needs 4 bytes, only 2 left
        Rattach qid cut short                   | 9P2000   | 13000000 69 0100 80 00000000 01000000000000                      | Rattach   | qid       | qid needs 13 bytes, only 12 left
        Rstat nstat past the frame              | 9P2000   | 0d000000 7d 0100 ffff 00000000                                   | Rstat     | nstat     | says 65535 bytes, only 4 left
        Rstat stat.size past nstat              | 9P2000.u | 0d000000 7d 0100 0400 0001 0000                                  | Rstat     | stat.size | says 256 bytes, only 2 left
        Twstat stat name longer than the stat   | 9P2000   | 3d000000 7e 0100 04000000 3000 2e00 0000 00000000 00 00000000 0000000000000000 00000000 00000000 00000000 0000000000000000 1000 61 0000 0000 | Twstat | stat.name | string of 16 bytes, only 5 left
        Tlock client_id cut short               | 9P2000.L | 26000000 34 0100 02000000 01 00000000 0000000000000000 0000000000000000 00000000 0500 | Tlock | client_id | string of 5 bytes, only 0 left
        Rgetattr cut short in the times         | 9P2000.L | 30000000 19 0100 ff07000000000000 80 00000000 0100000000000000 ed410000 00000000 00000000 0100000000000000 | Rgetattr | rdev | needs 8 bytes, only 0 left
        """)
    void countsAndLengthsLargerThanTheFrameNameTheField(
            String what, String dialect, String hex, String type, String field, String detail) {
        Dialect d = Dialect.parse(dialect);
        for (Strictness s : Strictness.values()) {
            ProtocolException e = refused(d, 65536, s, hex);
            assertThat(e.messageType()).isEqualTo(type);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).startsWith(type + "." + field + ": ").contains(detail);
        }
    }

    /**
     * Found by AnyBytesDecodePropertiesTest: msize is a u32, so 0xFFFFFFFF let a size field of
     * 0xFFFFFFFF through as the int -1, and the decoder failed with IllegalArgumentException.
     */
    @Test
    void regression_sizeAbove2GiBIsRefusedEvenWhenMsizeAllowsIt() {
        ProtocolException e = refused(Dialect.P9P2000, -1, Strictness.STRICT, "ffffffff 6d 0000");
        assertThat(e.field()).isEqualTo("size");
        assertThat(e.getMessage()).contains("4294967295");

        ProtocolException e2 = catchThrowableOfType(ProtocolException.class,
                () -> new FrameAssembler(-1).feed(ByteBuffer.wrap(Hex.decode("00000080")), f -> {}));
        assertThat(e2.field()).isEqualTo("size");
    }

    @Test
    void decodingStopsAtTheEndOfTheFrameSoTheNextOneCanFollow() throws ProtocolException {
        ByteBuffer two = ByteBuffer.wrap(Hex.decode("0b000000 78 0100 05000000  07000000 79 0100  ee"));
        FrameDecoder decoder = new FrameDecoder(Dialect.P9P2000_L, 8192);
        assertThat(decoder.decode(two)).isEqualTo(new Frame(1, new Tclunk(5)));
        assertThat(two.position()).isEqualTo(11);
        assertThat(decoder.decode(two)).isEqualTo(new Frame(1, new Rclunk()));
        assertThat(two.remaining()).isEqualTo(1);
    }

    @Test
    void checkedFrameSizeDoesNotMoveThePosition() throws ProtocolException {
        ByteBuffer buf = ByteBuffer.wrap(Hex.decode("ee 0b000000"));
        buf.position(1);
        assertThat(FrameDecoder.checkedFrameSize(buf, 8192)).isEqualTo(11);
        assertThat(buf.position()).isEqualTo(1);
    }

    private static ProtocolException refused(Dialect d, int msize, Strictness s, String hex) {
        FrameDecoder decoder = new FrameDecoder(d, msize, s, q -> {});
        ProtocolException e = catchThrowableOfType(ProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(Hex.decode(hex))));
        assertThat(e).as("%s decoder (%s) accepted %s", d, s, hex).isNotNull();
        return e;
    }
}
