package io.ninep.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Message;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rreaddir;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Twrite;
import io.ninep.protocol.testing.Hex;
import io.ninep.protocol.testing.WireArbitraries.BufferKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Payloads are views, not copies (DESIGN.md): decoded Rread/Twrite/Rreaddir data shares memory
 * with the frame buffer, and encodeHeader leaves the payload to a gathering write without
 * touching its position.
 */
class PayloadViewTest {

    @Test
    void rreadDataIsAViewOfTheFrameBuffer() throws ProtocolException {
        ByteBuffer frame = ByteBuffer.wrap(Hex.decode("0f000000 75 0100 04000000 61626364"));
        Rread r = (Rread) new FrameDecoder(Dialect.P9P2000_L, 8192).decode(frame).body();
        assertSharesMemory(frame, 11, r.data());
    }

    @Test
    void twriteDataIsAViewOfTheFrameBuffer() throws ProtocolException {
        ByteBuffer frame = ByteBuffer.wrap(Hex.decode("1b000000 76 0100 01000000 0000000000000000 04000000 61626364"));
        Twrite w = (Twrite) new FrameDecoder(Dialect.P9P2000, 8192).decode(frame).body();
        assertSharesMemory(frame, 23, w.data());
    }

    @Test
    void rreaddirDataIsAViewOfTheFrameBuffer() throws ProtocolException {
        ByteBuffer frame = ByteBuffer.wrap(Hex.decode("0f000000 29 0100 04000000 61626364"));
        Rreaddir r = (Rreaddir) new FrameDecoder(Dialect.P9P2000_L, 8192).decode(frame).body();
        assertSharesMemory(frame, 11, r.data());
    }

    /** The buffer FrameAssembler hands over is the one the payload views. */
    @Test
    void aPayloadDecodedFromAnAssembledFrameViewsTheAssemblersBuffer() throws ProtocolException {
        List<ByteBuffer> frames = new ArrayList<>();
        new FrameAssembler(8192).feed(ByteBuffer.wrap(Hex.decode("0f000000 75 0100 04000000 61626364")), frames::add);
        Rread r = (Rread) new FrameDecoder(Dialect.P9P2000_L, 8192).decode(frames.getFirst()).body();
        assertSharesMemory(frames.getFirst(), 11, r.data());
    }

    @Test
    void aDirectFrameBufferGivesADirectView() throws ProtocolException {
        byte[] bytes = Hex.decode("0f000000 75 0100 04000000 61626364");
        ByteBuffer frame = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        Rread r = (Rread) new FrameDecoder(Dialect.P9P2000_L, 8192).decode(frame).body();
        assertThat(r.data().isDirect()).isTrue();
        assertSharesMemory(frame, 11, r.data());
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void encodeHeaderLeavesThePayloadForAGatheringWrite(BufferKind kind) {
        ByteBuffer data = kind.view("hello".getBytes(StandardCharsets.US_ASCII), 3);
        Twrite write = new Twrite(7, 4096, data);
        ByteBuffer header = ByteBuffer.allocate(64);

        ByteBuffer payload = FrameEncoder.encodeHeader(new Frame(2, write), Dialect.P9P2000_L, header);

        assertThat(payload).isSameAs(data);
        assertThat(data.position()).isEqualTo(3);
        assertThat(data.limit()).isEqualTo(8);
        assertThat(header.position()).isEqualTo(Twrite.HEADER_SIZE).isEqualTo(FrameEncoder.headerSize(write, Dialect.P9P2000_L));
        // size[4]=28 type[1]=118 tag[2]=2 fid[4]=7 offset[8]=4096 count[4]=5, and no data
        assertThat(Hex.encode(header.flip())).isEqualTo("1c000000" + "76" + "0200" + "07000000" + "0010000000000000" + "05000000");
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void encodeCopiesThePayloadWithoutMovingIt(BufferKind kind) {
        ByteBuffer data = kind.view(new byte[] {1, 2, 3}, 2);
        for (Message m : List.of(new Rread(data), new Rreaddir(data), new Twrite(1, 0, data))) {
            ByteBuffer whole = FrameEncoder.encode(new Frame(1, m), Dialect.P9P2000_L);
            assertThat(Hex.encode(whole)).endsWith("03000000" + "010203");
            assertThat(data.position()).isEqualTo(2);
            assertThat(data.remaining()).isEqualTo(3);
        }
    }

    @Test
    void messagesWithoutAPayloadAreWrittenWhole() {
        ByteBuffer out = ByteBuffer.allocate(16);
        assertThat(FrameEncoder.encodeHeader(new Frame(1, new Tclunk(5)), Dialect.P9P2000, out)).isNull();
        assertThat(Hex.encode(out.flip())).isEqualTo("0b000000780100" + "05000000");
    }

    /** Writing into the frame buffer after decoding shows through the view: no copy was made. */
    private static void assertSharesMemory(ByteBuffer frame, int dataOffset, ByteBuffer view) {
        assertThat(view.remaining()).isEqualTo(4);
        assertThat(view.get(view.position())).isEqualTo((byte) 'a');
        frame.put(dataOffset, (byte) 'Z');
        assertThat(view.get(view.position())).isEqualTo((byte) 'Z');
        frame.put(dataOffset + 3, (byte) '!');
        assertThat(view.get(view.position() + 3)).isEqualTo((byte) '!');
    }
}
