package io.ninep.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PipePairTest {

    @Test
    void whatOneSideWritesTheOtherReadsAndCloseIsEndOfStream() throws Exception {
        PipePair pair = PipePair.open(65536);
        assertThat(pair.client().maxMessageSize()).isEqualTo(65536);
        assertThat(pair.client().kind()).isEqualTo("pipe");
        pair.client().write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {1, 2}), ByteBuffer.wrap(new byte[] {3})}, 0, 2);
        ByteBuffer got = ByteBuffer.allocate(3);
        pair.server().readFully(got);
        assertThat(got.array()).containsExactly(1, 2, 3);
        pair.server().write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {9})}, 0, 1);
        ByteBuffer back = ByteBuffer.allocate(1);
        pair.client().readFully(back);
        assertThat(back.get(0)).isEqualTo((byte) 9);
        pair.client().close();
        assertThat(pair.server().read(ByteBuffer.allocate(1))).isEqualTo(-1);
        pair.server().close();
    }
}
