package io.ninep.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.testing.GoldenVectors;
import io.ninep.protocol.testing.GoldenVectors.GoldenVector;
import io.ninep.protocol.testing.Hex;
import io.ninep.protocol.testing.MessageArbitraries;
import io.ninep.protocol.testing.MessageArbitraries.TypeInDialect;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-made frames of golden/messages.txt: each decodes strictly to the expected fcall line
 * and encodes back to the same bytes, so a layout error in either direction shows up here.
 */
class GoldenVectorTest {

    static Stream<GoldenVector> vectors() {
        return GoldenVectors.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesToTheExpectedMessage(GoldenVector v) throws ProtocolException {
        ByteBuffer buf = ByteBuffer.wrap(v.bytes());
        Frame frame = new FrameDecoder(v.dialect(), 65536).decode(buf);
        assertThat(FcallFormat.format(frame)).isEqualTo(v.fcall());
        assertThat(buf.hasRemaining()).as("bytes left after the frame").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encodesBackToTheSameBytes(GoldenVector v) throws ProtocolException {
        Frame frame = new FrameDecoder(v.dialect(), 65536).decode(ByteBuffer.wrap(v.bytes()));
        assertThat(frame.body().encodedSize(v.dialect())).isEqualTo(v.bytes().length);
        assertThat(Hex.encode(FrameEncoder.encode(frame, v.dialect()))).isEqualTo(Hex.encode(v.bytes()));
    }

    /** "Decoding with the wrong dialect is a clear error, not garbage" (DESIGN.md). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void isRefusedByDialectsThatLackItsType(GoldenVector v) {
        MessageType type = MessageType.byCode(v.typeCode());
        for (Dialect other : Dialect.values()) {
            if (!type.allowedIn(other)) {
                assertThatThrownBy(() -> new FrameDecoder(other, 65536).decode(ByteBuffer.wrap(v.bytes())))
                        .isInstanceOf(ProtocolException.class)
                        .satisfies(e -> {
                            ProtocolException pe = (ProtocolException) e;
                            assertThat(pe.messageType()).isEqualTo(type.displayName());
                            assertThat(pe.field()).isEqualTo("type");
                        });
            }
        }
    }

    @Test
    void everyMessageTypeHasAVectorInEveryDialectThatHasIt() {
        Set<TypeInDialect> covered = GoldenVectors.all().stream()
                .map(v -> new TypeInDialect(MessageType.byCode(v.typeCode()), v.dialect()))
                .collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(MessageArbitraries.allowedPairs());
    }

    /** The forms that differ by dialect each have a vector whose length shows the difference. */
    @Test
    void dialectDependentFormsHaveTheirOwnVectors() {
        List<GoldenVector> all = GoldenVectors.all();
        // Tattach: 9P2000 has no n_uname[4]
        assertThat(sizes(all, MessageType.TATTACH, Dialect.P9P2000)).contains(7 + 8 + 2 + 6 + 2);
        assertThat(sizes(all, MessageType.TATTACH, Dialect.P9P2000_U)).contains(7 + 8 + 2 + 6 + 2 + 11 + 4);
        // Rerror: 9P2000.u adds errno[4]
        assertThat(sizes(all, MessageType.RERROR, Dialect.P9P2000)).contains(7 + 2 + 19);
        assertThat(sizes(all, MessageType.RERROR, Dialect.P9P2000_U)).contains(7 + 2 + 3 + 4);
        // Tcreate: 9P2000.u adds extension[s]
        assertThat(sizes(all, MessageType.TCREATE, Dialect.P9P2000_U)).contains(7 + 4 + 2 + 4 + 4 + 1 + 2 + 11);
        // Rstat: n[2] then the stat with its own size[2]; 9P2000.u adds 2 + 12 bytes and the extension
        assertThat(sizes(all, MessageType.RSTAT, Dialect.P9P2000)).contains(76);
        assertThat(sizes(all, MessageType.RSTAT, Dialect.P9P2000_U)).contains(76 + 14);
    }

    private static List<Integer> sizes(List<GoldenVector> all, MessageType type, Dialect d) {
        return all.stream().filter(v -> v.typeCode() == type.code() && v.dialect() == d)
                .map(v -> v.bytes().length).toList();
    }

    /** Guards the file itself: a size field that disagrees with the hex would test nothing useful. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void sizeFieldMatchesTheBytesWritten(GoldenVector v) {
        byte[] b = v.bytes();
        int size = (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
        assertThat(size).as(Arrays.toString(Arrays.copyOf(b, 4))).isEqualTo(b.length);
    }
}
