package io.ninep.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.protocol.message.Rreadlink;
import io.ninep.protocol.testing.Hex;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WireString by example: exact bytes for ordinary, Unicode and broken names. */
class WireStringTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ascii,             hello,       68656c6c6f",
        "two-byte UTF-8,    café,        636166c3a9",
        "three-byte UTF-8,  €,           e282ac",
        "surrogate pair,    \uD83D\uDE00, f09f9880",
    })
    void validUnicodeEncodesToItsUtf8(String what, String text, String hex) {
        assertThat(Hex.encode(WireString.toBytes(text))).isEqualTo(hex);
        assertThat(WireString.encodedLength(text)).isEqualTo(hex.length() / 2);
        assertThat(WireString.fromBytes(Hex.decode(hex))).isEqualTo(text);
    }

    @Test
    void nulIsOneZeroByteNotJavasModifiedUtf8() {
        assertThat(WireString.toBytes("a\0b")).containsExactly(0x61, 0x00, 0x62);
    }

    /** Each byte that is not part of well-formed UTF-8 becomes U+DC80 + (byte - 0x80). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "lone continuation byte,           80,        \uDC80",
        "0xff never appears in UTF-8,      ff,        \uDCFF",
        "Latin-1 name,                     636166e9,  caf\uDCE9",
        "overlong NUL,                     c080,      \uDCC0\uDC80",
        "overlong 3-byte slash,            e080af,    \uDCE0\uDC80\uDCAF",
        "encoded surrogate U+D800,         eda080,    \uDCED\uDCA0\uDC80",
        "encoded escape char U+DC80,       edb280,    \uDCED\uDCB2\uDC80",
        "past U+10FFFF,                    f4908080,  \uDCF4\uDC90\uDC80\uDC80",
        "five-byte form,                   f888808080, \uDCF8\uDC88\uDC80\uDC80\uDC80",
        "cut short at the end,             61e282,    a\uDCE2\uDC82",
        "cut short by an ASCII byte,       e28241,    \uDCE2\uDC82A",
        "good after bad,                   ffc3a9,    \uDCFF\u00E9",
    })
    void invalidSequencesAreEscapedByteByByte(String what, String hex, String expected) {
        byte[] bytes = Hex.decode(hex);
        String decoded = WireString.fromBytes(bytes);
        assertThat(decoded).isEqualTo(expected);
        assertThat(WireString.toBytes(decoded)).isEqualTo(bytes);
        assertThat(WireString.encodedLength(decoded)).isEqualTo(bytes.length);
    }

    /** A Java String can hold surrogates that no wire string decodes to; they have no UTF-8 form. */
    @ParameterizedTest(name = "U+{0}")
    @CsvSource({"D800", "DBFF", "DC00", "DC7F", "DD00", "DFFF"})
    void unpairedSurrogatesOutsideTheEscapeRangeBecomeTheReplacementCharacter(String hexChar) {
        String s = "x" + (char) Integer.parseInt(hexChar, 16) + "y";
        assertThat(Hex.encode(WireString.toBytes(s))).isEqualTo("78efbfbd79");
        assertThat(WireString.encodedLength(s)).isEqualTo(5);
    }

    @Test
    void putWritesALittleEndianLengthThenTheBytes() {
        ByteBuffer out = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        WireString.put(out, "ab\uDCFF");
        assertThat(Hex.encode(out.flip())).isEqualTo("03006162ff");
    }

    @Test
    void decodeReadsFromThePositionAndAdvancesPastTheString() {
        byte[] backing = Hex.decode("ee ee 68 69 c3 a9 ee");
        for (ByteBuffer buf : new ByteBuffer[] {
                ByteBuffer.wrap(backing), ByteBuffer.wrap(backing).asReadOnlyBuffer(), direct(backing)}) {
            buf.position(2);
            assertThat(WireString.decode(buf, 2)).isEqualTo("hi");
            assertThat(buf.position()).isEqualTo(4);
            assertThat(WireString.decode(buf, 2)).isEqualTo("é");
            assertThat(buf.position()).isEqualTo(6);
        }
    }

    /** The ASCII fast path reads the backing array directly; a slice's array offset must count. */
    @Test
    void decodeHonoursTheArrayOffsetOfASlice() {
        ByteBuffer slice = ByteBuffer.wrap("xxxxabcd".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 4, 4).slice();
        assertThat(slice.arrayOffset()).isEqualTo(4);
        assertThat(WireString.decode(slice, 4)).isEqualTo("abcd");
    }

    @Test
    void the65535ByteLimitCountsBytesNotChars() {
        ByteBuffer out = ByteBuffer.allocate(70_000);
        WireString.put(out, "x".repeat(65_535));
        assertThat(out.position()).isEqualTo(65_537);

        assertThatThrownBy(() -> WireString.put(ByteBuffer.allocate(70_000), "x".repeat(65_536)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65536");
        // 32768 chars, but 65536 bytes
        assertThatThrownBy(() -> WireString.put(ByteBuffer.allocate(70_000), "é".repeat(32_768)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WireString.checkLength(65_536)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMessageWithAnOverlongStringRefusesToReportASize() {
        assertThatThrownBy(() -> new Rreadlink("x".repeat(65_536)).encodedSize(Dialect.P9P2000_L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Rreadlink("x".repeat(65_535)).encodedSize(Dialect.P9P2000_L)).isEqualTo(7 + 2 + 65_535);
    }

    private static ByteBuffer direct(byte[] bytes) {
        ByteBuffer d = ByteBuffer.allocateDirect(bytes.length);
        d.put(bytes).flip();
        return d;
    }
}
