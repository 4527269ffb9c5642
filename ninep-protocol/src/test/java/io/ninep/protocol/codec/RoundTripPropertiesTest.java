package io.ninep.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireString;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Message;
import io.ninep.protocol.message.Twalk;
import io.ninep.protocol.testing.DialectNormalizer;
import io.ninep.protocol.testing.Hex;
import io.ninep.protocol.testing.MessageArbitraries;
import io.ninep.protocol.testing.MessageArbitraries.InDialect;
import io.ninep.protocol.testing.WireArbitraries;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Every message, in every dialect that has it: encoding then decoding gives the value back (as
 * the dialect can carry it), and encodedSize is exactly what the encoder writes.
 */
class RoundTripPropertiesTest {

    @Property(tries = 3000)
    void encodeThenDecodeGivesTheValueAsTheDialectCarriesIt(
            @ForAll("anyMessage") InDialect m, @ForAll @IntRange(max = 0xFFFF) int tag) throws ProtocolException {
        Frame sent = new Frame(tag, m.message());
        ByteBuffer wire = FrameEncoder.encode(sent, m.dialect());

        Frame received = new FrameDecoder(m.dialect(), Integer.MAX_VALUE).decode(wire);

        assertThat(wire.hasRemaining()).isFalse();
        assertThat(received).isEqualTo(new Frame(tag, DialectNormalizer.normalize(m.message(), m.dialect())));
    }

    /** The envelope-less decode (the client's reader has the tag from the header) gives the same body. */
    @Property(tries = 1000)
    void decodeMessageGivesTheFramesBody(@ForAll("anyMessage") InDialect m) throws ProtocolException {
        ByteBuffer wire = FrameEncoder.encode(new Frame(3, m.message()), m.dialect());
        ByteBuffer again = wire.duplicate();

        Message body = new FrameDecoder(m.dialect(), Integer.MAX_VALUE).decodeMessage(wire);

        assertThat(wire.hasRemaining()).isFalse();
        assertThat(body).isEqualTo(new FrameDecoder(m.dialect(), Integer.MAX_VALUE).decode(again).body());
    }

    @Property(tries = 3000)
    void encodedSizeIsExactlyWhatTheEncoderWrites(@ForAll("anyMessage") InDialect m) {
        Message body = m.message();
        int size = body.encodedSize(m.dialect());

        ByteBuffer roomy = ByteBuffer.allocate(size + 16);
        roomy.position(5);   // not at 0, to catch encoders that assume it
        FrameEncoder.encode(new Frame(1, body), m.dialect(), roomy);
        assertThat(roomy.position() - 5).isEqualTo(size);
        assertThat(roomy.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(5)).as("size field").isEqualTo(size);

        // Gathering form: the header part plus the payload make up the same frame.
        ByteBuffer header = ByteBuffer.allocate(FrameEncoder.headerSize(body, m.dialect()));
        ByteBuffer payload = FrameEncoder.encodeHeader(new Frame(1, body), m.dialect(), header);
        assertThat(header.hasRemaining()).as("headerSize is exact").isFalse();
        int payloadBytes = payload == null ? 0 : payload.remaining();
        assertThat(header.capacity() + payloadBytes).isEqualTo(size);
    }

    /** The same message in the same dialect always encodes to the same bytes (no hidden state). */
    @Property(tries = 500)
    void encodingIsDeterministic(@ForAll("anyMessage") InDialect m) {
        byte[] first = Hex.bytes(FrameEncoder.encode(new Frame(7, m.message()), m.dialect()));
        byte[] second = Hex.bytes(FrameEncoder.encode(new Frame(7, m.message()), m.dialect()));
        assertThat(second).isEqualTo(first);
    }

    /** Names are bytes on Linux: they must reach the wire and come back unchanged, valid UTF-8 or not. */
    @Property(tries = 1000)
    void nameBytesSurviveEncodeAndDecodeByteForByte(
            @ForAll("nameBytes") byte[] name, @ForAll Dialect dialect) throws ProtocolException {
        Twalk walk = new Twalk(1, 2, List.of(WireString.fromBytes(name)));
        byte[] wire = Hex.bytes(FrameEncoder.encode(new Frame(1, walk), dialect));

        // size[4] type[1] tag[2] fid[4] newfid[4] nwname[2] len[2] name
        assertThat(Arrays.copyOfRange(wire, 17, 19)).containsExactly(name.length & 0xFF, name.length >> 8);
        assertThat(Arrays.copyOfRange(wire, 19, wire.length)).isEqualTo(name);

        Twalk back = (Twalk) new FrameDecoder(dialect, 65536).decode(ByteBuffer.wrap(wire)).body();
        assertThat(WireString.toBytes(back.names().getFirst())).isEqualTo(name);
    }

    @Provide
    Arbitrary<InDialect> anyMessage() {
        return MessageArbitraries.rawMessagesInAnyDialect();
    }

    @Provide
    Arbitrary<byte[]> nameBytes() {
        return WireArbitraries.nameBytes();
    }
}
