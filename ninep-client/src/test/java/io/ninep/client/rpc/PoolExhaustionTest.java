package io.ninep.client.rpc;

import static io.ninep.client.testing.Fixtures.attr;
import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.ClientConfig;
import io.ninep.client.testing.Await;
import io.ninep.client.testing.ScriptedPeer.Received;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rflush;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Tflush;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.transport.buffer.BufferPool;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The deadlock that shelved Linux's 9p mempool patch: a task holding its request's buffer,
 * interrupted, needs another buffer for its Tflush; if requests waiting for replies have spent
 * the pool, that allocation blocks for ever. Here the budget is spent exactly that way, one
 * more caller is blocked waiting for a buffer, and every request is then cancelled: each Tflush
 * gets its reply buffer from the reserve, so the cancellations complete, their buffers return,
 * and the blocked caller goes on.
 */
class PoolExhaustionTest extends PeerTestBase {

    @Test
    void cancellingWorksWhenTheBudgetIsSpent() throws Exception {
        int inFlight = 16;
        open(ClientConfig.defaults().withMsize(64 * 1024).withPoolBudget((long) inFlight * BufferPool.SMALL));
        List<RpcFuture<RMessage>> futures = new ArrayList<>();
        List<Received> sent = new ArrayList<>();
        for (int i = 0; i < inFlight; i++) {
            futures.add(connection.send(new Tgetattr(i, Attr.BASIC)));
            sent.add(peer.expectFrame(Tgetattr.class));
        }
        assertThat(connection.poolStats().bytesAllocated()).isEqualTo(connection.poolStats().maxBytes());

        // Budget spent by requests waiting for replies: the next caller blocks in the pool.
        Call<RMessage> blocked = start("blocked", () -> connection.call(new Tgetattr(1000, Attr.BASIC)));
        Await.parked(blocked.thread());
        assertThat(blocked.result()).isNotDone();

        for (RpcFuture<RMessage> f : futures) {
            f.cancel(true);
        }
        // The peer answers each Tflush; the blocked request gets out once a buffer is back.
        int flushed = 0;
        Received late = null;
        while (flushed < inFlight || late == null) {
            Received r = peer.expect();
            if (r.message() instanceof Tflush) {
                peer.send(r.tag(), Rflush.INSTANCE);
                flushed++;
            } else {
                assertThat(r.as(Tgetattr.class).fid()).isEqualTo(1000);
                late = r;
            }
        }
        peer.send(late.tag(), new Rgetattr(attr(1000, 1)));
        assertThat(blocked.result().get()).isEqualTo(new Rgetattr(attr(1000, 1)));
        for (RpcFuture<RMessage> f : futures) {
            assertThat(f).isCancelled();
        }
        assertThat(connection.awaitIdle(ScriptedTimeout.DURATION)).isTrue();
        assertThat(connection.poolStats().reserve().taken()).isEqualTo(inFlight);
        assertThat(connection.poolStats().reserve().inUse()).isZero();
    }
}
