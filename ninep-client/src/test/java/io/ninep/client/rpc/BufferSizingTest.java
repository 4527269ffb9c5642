package io.ninep.client.rpc;

import static io.ninep.client.testing.Fixtures.attr;
import static io.ninep.client.testing.Fixtures.qid;
import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.ClientConfig;
import io.ninep.client.testing.ScriptedPeer.Received;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rreaddir;
import io.ninep.protocol.message.Rwalk;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.TMessage;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Treaddir;
import io.ninep.protocol.message.Twalk;
import io.ninep.transport.buffer.BufferPool;
import io.ninep.transport.buffer.PoolStats;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Right-sized buffers: a small request takes a small-class buffer whatever the msize, and a
 * read's payload goes straight into the caller's buffer, never through a pool buffer.
 */
class BufferSizingTest extends PeerTestBase {

    @ParameterizedTest(name = "msize {0}")
    @ValueSource(ints = {4 << 20, 128 << 20})
    void smallRequestsTouchOnlySmallBuffers(int msize) throws Exception {
        open(ClientConfig.defaults().withMsize(msize));
        assertThat(connection.msize()).isEqualTo(msize);
        exchange(new Tgetattr(0, Attr.ALL), new Rgetattr(attr(1, 1)));
        exchange(new Twalk(0, 1, "a", "b", "c"), new Rwalk(qid(1), qid(2), qid(3)));
        exchange(new Tlopen(1, 0), new Rlopen(qid(3), 0));
        exchange(new Tclunk(1), Rclunk.INSTANCE);

        PoolStats stats = connection.poolStats();
        assertThat(stats.takenLargerThan(BufferPool.SMALL)).as("buffers above 4 KiB taken: %s", stats).isZero();
        assertThat(stats.byName("small").taken()).isEqualTo(4);
        assertThat(stats.bytesAllocated()).isEqualTo(BufferPool.SMALL);   // one small buffer, reused
    }

    @ParameterizedTest(name = "msize {0}")
    @ValueSource(ints = {4 << 20, 128 << 20})
    void readPayloadGoesStraightIntoTheCallersBuffer(int msize) throws Exception {
        open(ClientConfig.defaults().withMsize(msize));
        int count = 3 << 20;
        ByteBuffer dst = ByteBuffer.allocateDirect(count + 10);
        dst.position(10);
        byte[] data = new byte[count];
        for (int i = 0; i < count; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        Call<Integer> call = start("read", () -> connection.callInto(new Tread(1, 0, count), dst));
        Received r = peer.expectFrame(Tread.class);
        peer.send(r.tag(), new Rread(ByteBuffer.wrap(data)));
        assertThat(call.result().get()).isEqualTo(count);
        assertThat(dst.position()).isEqualTo(10 + count);
        byte[] got = new byte[count];
        dst.get(10, got);
        assertThat(got).isEqualTo(data);

        PoolStats stats = connection.poolStats();
        assertThat(stats.takenLargerThan(BufferPool.SMALL)).as("buffers above 4 KiB taken: %s", stats).isZero();
        assertThat(stats.byName("small").taken()).isEqualTo(1);   // room for an error reply only
    }

    @ParameterizedTest(name = "msize {0}")
    @ValueSource(ints = {64 << 10, 4 << 20})
    void readdirPayloadGoesStraightIntoTheCallersBuffer(int msize) throws Exception {
        open(ClientConfig.defaults().withMsize(msize));
        ByteBuffer dst = ByteBuffer.allocate(8192);
        byte[] entries = new byte[5000];
        entries[0] = 42;
        Call<Integer> call = start("readdir", () -> connection.callInto(new Treaddir(1, 0, 8192), dst));
        Received r = peer.expectFrame(Treaddir.class);
        peer.send(r.tag(), new Rreaddir(ByteBuffer.wrap(entries)));
        assertThat(call.result().get()).isEqualTo(5000);
        assertThat(dst.get(0)).isEqualTo((byte) 42);
        assertThat(connection.poolStats().takenLargerThan(BufferPool.SMALL)).isZero();
    }

    @ParameterizedTest(name = "msize {0}")
    @ValueSource(ints = {64 << 10})
    void messageLevelReadGetsItsOwnBuffer(int msize) throws Exception {
        open(ClientConfig.defaults().withMsize(msize));
        Call<RMessage> call = start("read", () -> connection.call(new Tread(1, 0, 100)));
        Received r = peer.expectFrame(Tread.class);
        peer.send(r.tag(), new Rread(ByteBuffer.wrap(new byte[] {1, 2, 3})));
        Rread got = (Rread) call.result().get();
        assertThat(got.count()).isEqualTo(3);
        assertThat(got.data().get(2)).isEqualTo((byte) 3);
        assertThat(connection.poolStats().takenLargerThan(BufferPool.SMALL)).isZero();
    }

    private void exchange(TMessage request, RMessage reply) throws Exception {
        Call<RMessage> call = start(request.type().displayName(), () -> connection.call(request));
        Received r = peer.expect();
        assertThat(r.message()).isEqualTo(request);
        peer.send(r.tag(), reply);
        assertThat(call.result().get()).isEqualTo(reply);
    }
}
