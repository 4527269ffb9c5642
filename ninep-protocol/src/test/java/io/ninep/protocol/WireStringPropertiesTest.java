package io.ninep.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.testing.WireArbitraries;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * WireString's promises over all inputs, with the JDK's strict UTF-8 codec as an independent
 * judge of what is valid UTF-8.
 */
class WireStringPropertiesTest {

    @Property(tries = 2000)
    void everyByteStringSurvivesBytesToStringToBytes(@ForAll("anyBytes") byte[] bytes) {
        String s = WireString.fromBytes(bytes);
        assertThat(WireString.toBytes(s)).isEqualTo(bytes);
        assertThat(WireString.encodedLength(s)).isEqualTo(bytes.length);
    }

    @Property(tries = 2000)
    void validUtf8DecodesAsTheJdkDecodesIt_andInvalidUtf8IsEscaped(@ForAll("anyBytes") byte[] bytes) {
        String s = WireString.fromBytes(bytes);
        String jdk = strictJdkDecode(bytes);
        if (jdk != null) {
            assertThat(s).isEqualTo(jdk);
            assertThat(s.chars()).noneMatch(WireStringPropertiesTest::isEscape);
        } else {
            assertThat(s.chars()).anyMatch(WireStringPropertiesTest::isEscape);
        }
        // Whatever came in, the String holds no surrogate that is neither paired nor an escape.
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))).isTrue();
                i++;
            } else if (Character.isLowSurrogate(c)) {
                assertThat(isEscape(c)).as("unpaired U+%04X", (int) c).isTrue();
            }
        }
    }

    @Property(tries = 1000)
    void validUnicodeEncodesToTheJdksUtf8AndBack(@ForAll("unicode") String s) {
        byte[] bytes = WireString.toBytes(s);
        assertThat(bytes).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
        assertThat(WireString.encodedLength(s)).isEqualTo(bytes.length);
        assertThat(WireString.fromBytes(bytes)).isEqualTo(s);
    }

    /** encodedLength must match what is written for any Java String, even ones no peer could send. */
    @Property(tries = 1000)
    void encodedLengthIsExactForAnyJavaString(@ForAll String anything) {
        assertThat(WireString.encodedLength(anything)).isEqualTo(WireString.toBytes(anything).length);
        ByteBuffer out = ByteBuffer.allocate(2 + 4 * anything.length());
        WireString.put(out, anything);
        assertThat(out.position()).isEqualTo(2 + WireString.encodedLength(anything));
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        return net.jqwik.api.Arbitraries.oneOf(
                WireArbitraries.nameBytes(),
                net.jqwik.api.Arbitraries.bytes().array(byte[].class).ofMaxSize(200));
    }

    @Provide
    Arbitrary<String> unicode() {
        return WireArbitraries.unicodeStrings();
    }

    private static boolean isEscape(int c) {
        return c >= 0xDC80 && c <= 0xDCFF;
    }

    /** The JDK's decoding if {@code bytes} is well-formed UTF-8, else null. */
    private static String strictJdkDecode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
