package io.ninep.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.P9;
import io.ninep.protocol.WireString;
import io.ninep.protocol.message.*;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one-line trace format: exact lines for the cases a reader of a trace relies on. */
class FcallFormatTest {

    @Test
    void twalkListsNamesWithTheirIndex() {
        assertThat(format(1, new Twalk(0, 1, "usr", "bin")))
                .isEqualTo("Twalk tag 1 fid 0 newfid 1 nwname 2 0:usr 1:bin");
    }

    @Test
    void versionMessagesShowNotag() {
        assertThat(FcallFormat.format(Frame.version(new Tversion(8192, "9P2000.L"))))
                .isEqualTo("Tversion tag NOTAG msize 8192 version '9P2000.L'");
        assertThat(format(P9.NOTAG - 1, new Rversion(8192, "unknown")))
                .isEqualTo("Rversion tag 65534 msize 8192 version 'unknown'");
    }

    @Test
    void bytesThatAreNotUtf8AreEscapedAsHex() {
        String name = WireString.fromBytes(new byte[] {'c', 'a', 'f', (byte) 0xE9, (byte) 0x80});
        assertThat(format(3, new Twalk(1, 2, name))).isEqualTo("Twalk tag 3 fid 1 newfid 2 nwname 1 0:caf\\xe9\\x80");
        assertThat(format(3, new Tlcreate(1, name, 0, 0644, 0)))
                .isEqualTo("Tlcreate tag 3 fid 1 name 'caf\\xe9\\x80' flags 00 mode 0644 gid 0");
    }

    @Test
    void validUnicodePrintsAsItself() {
        assertThat(format(3, new Rreadlink("caf\u00e9/\u20ac"))).isEqualTo("Rreadlink tag 3 target 'caf\u00e9/\u20ac'");
    }

    @Test
    void controlCharactersQuotesAndBackslashesAreEscaped() {
        assertThat(format(3, new Rreadlink("a\nb\tc'd\\e\u0001\u007f")))
                .isEqualTo("Rreadlink tag 3 target 'a\\nb\\tc\\'d\\\\e\\x01\\x7f'");
    }

    @Test
    void c1ControlsAndBidiOverridesCannotDisguiseALine() {
        // U+202E would make a terminal show the rest of the line reversed; U+0085 is a C1 newline.
        assertThat(format(3, new Rreadlink("a\u202Eb\u0085c\u200Dd")))
                .isEqualTo("Rreadlink tag 3 target 'a\\u202eb\\x85c\\u200dd'");
    }

    @Test
    void printablePayloadsAreQuotedText() {
        assertThat(format(5, new Rread(ascii("hello, 'world'\n"))))
                .isEqualTo("Rread tag 5 count 15 'hello, \\'world\\'\\n'");
        assertThat(format(6, new Twrite(2, 4096, ascii("ab"))))
                .isEqualTo("Twrite tag 6 fid 2 offset 4096 count 2 'ab'");
    }

    @Test
    void binaryPayloadsAreHex() {
        assertThat(format(5, new Rread(ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xAB, 'a'}))))
                .isEqualTo("Rread tag 5 count 4 0001ab61");
    }

    @Test
    void longPayloadsShowTheirFirst64BytesThenAnEllipsis() {
        String line = format(5, new Rread(ascii("x".repeat(100))));
        assertThat(line).isEqualTo("Rread tag 5 count 100 '" + "x".repeat(64) + "'...");
        assertThat(format(5, new Rread(ascii("x".repeat(64))))).doesNotEndWith("...");
    }

    @Test
    void aPayloadIsShownFromItsPositionAndNotMoved() {
        ByteBuffer data = ascii("skipHI");
        data.position(4);
        assertThat(format(1, new Rread(data))).isEqualTo("Rread tag 1 count 2 'HI'");
        assertThat(data.position()).isEqualTo(4);
    }

    @Test
    void emptyPayloadsShowOnlyTheCount() {
        assertThat(format(5, new Rread(ByteBuffer.allocate(0)))).isEqualTo("Rread tag 5 count 0");
    }

    @Test
    void nofidAndNonuname() {
        assertThat(format(1, new Tattach(0, P9.NOFID, "glenda", "", P9.NONUNAME)))
                .isEqualTo("Tattach tag 1 fid 0 afid NOFID uname 'glenda' aname '' n_uname NONUNAME");
    }

    @Test
    void errorsNameTheirErrno() {
        assertThat(format(1, new Rlerror(2))).isEqualTo("Rlerror tag 1 ecode 2 ENOENT");
        assertThat(format(1, new Rerror("gone", 2))).isEqualTo("Rerror tag 1 ename 'gone' errno 2 ENOENT");
        assertThat(format(1, new Rerror("gone", 0))).isEqualTo("Rerror tag 1 ename 'gone'");
    }

    @Test
    void unsignedFieldsPrintUnsigned() {
        assertThat(format(1, new Tread(-2, -1L, -1)))
                .isEqualTo("Tread tag 1 fid 4294967294 offset 18446744073709551615 count 4294967295");
    }

    @Test
    void qidsPrintAsPlan9ToolsPrintThem() {
        assertThat(format(1, new Rwalk(new Qid(Qid.DIR, 3, 0x2c1fac), new Qid(Qid.FILE, 0, 1),
                new Qid(Qid.SYMLINK | Qid.APPEND, -1, -1L))))
                .isEqualTo("Rwalk tag 1 nwqid 3 0:(00000000002c1fac 3 d) 1:(0000000000000001 0 ) "
                        + "2:(ffffffffffffffff 4294967295 aL)");
    }

    @Test
    void locksNameTheirTypeAndStatus() {
        assertThat(format(1, new Tlock(2, Tlock.UNLCK, 0, 0, 0, 1, "h"))).contains(" type UNLCK ");
        assertThat(format(1, new Rlock(Rlock.GRACE))).isEqualTo("Rlock tag 1 status GRACE");
        assertThat(format(1, new Rlock(9))).isEqualTo("Rlock tag 1 status 9");
    }

    private static String format(int tag, Message m) {
        return FcallFormat.format(new Frame(tag, m));
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }
}
