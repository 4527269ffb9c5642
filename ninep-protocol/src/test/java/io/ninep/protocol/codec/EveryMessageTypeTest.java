package io.ninep.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Message;
import io.ninep.protocol.message.TMessage;
import io.ninep.protocol.testing.DialectNormalizer;
import io.ninep.protocol.testing.MessageArbitraries;
import io.ninep.protocol.testing.MessageArbitraries.TypeInDialect;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The round trip for each (type, dialect) pair by name, so that every one of the 111 pairs is
 * certainly exercised (the random properties cover them with high probability, this with
 * certainty), and a checks that the arbitraries themselves make what they promise.
 */
class EveryMessageTypeTest {
    private static final int SAMPLES = 40;

    static Stream<TypeInDialect> pairs() {
        return MessageArbitraries.allowedPairs().stream();
    }

    @Test
    void thereAre66MessageTypesIn111TypeDialectPairs() {
        assertThat(MessageType.values()).hasSize(66);
        assertThat(MessageArbitraries.allowedPairs()).hasSize(111);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void roundTripsWithAnExactSize(TypeInDialect p) throws ProtocolException {
        List<Message> samples = MessageArbitraries.ofType(p.type()).sampleStream().limit(SAMPLES).toList();
        for (Message m : samples) {
            assertThat(m.type()).isEqualTo(p.type());
            ByteBuffer wire = FrameEncoder.encode(new Frame(3, m), p.dialect());
            assertThat(wire.remaining()).isEqualTo(m.encodedSize(p.dialect()));
            Frame back = new FrameDecoder(p.dialect(), Integer.MAX_VALUE).decode(wire);
            assertThat(back).isEqualTo(new Frame(3, DialectNormalizer.normalize(m, p.dialect())));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void requestsAndRepliesAreTheRightFamily(TypeInDialect p) {
        Message m = MessageArbitraries.ofType(p.type()).sample();
        assertThat(m instanceof TMessage).isEqualTo(p.type().isRequest());
    }

    @Test
    void messagesOfADialectAreAllAllowedInIt() {
        for (Dialect d : Dialect.values()) {
            MessageArbitraries.messages(d).sampleStream().limit(500)
                    .forEach(m -> assertThat(m.type().allowedIn(d)).as("%s in %s", m.type(), d).isTrue());
            MessageArbitraries.requests(d).sampleStream().limit(200)
                    .forEach(m -> assertThat(m.type().isRequest()).isTrue());
            MessageArbitraries.replies(d).sampleStream().limit(200)
                    .forEach(m -> assertThat(m.type().isRequest()).isFalse());
        }
    }
}
