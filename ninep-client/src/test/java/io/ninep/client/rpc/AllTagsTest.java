package io.ninep.client.rpc;

import static io.ninep.client.testing.Fixtures.attr;
import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.ClientConfig;
import io.ninep.client.testing.Await;
import io.ninep.client.testing.ScriptedPeer.Received;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rflush;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tflush;
import io.ninep.protocol.message.Tgetattr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every tag in use: 65531 ordinary requests and 4 Tflushes make 65535 tags on the wire. A further
 * caller waits (it does not fail); cancellations still go out, because flushes have tags of
 * their own; and the freed tag is not the one handed out next.
 */
class AllTagsTest extends PeerTestBase {

    @Test
    void callersWaitWhenAllTagsAreInUseAndFlushesStillGoOut() throws Exception {
        // One small (4 KiB) heap buffer per request in flight.
        long budget = (long) (TagTable.TAGS + 16) * 4096;
        open(ClientConfig.defaults().withMsize(64 * 1024).withPoolBudget(budget).withDirectBuffers(false));

        List<RpcFuture<RMessage>> futures = new ArrayList<>(Connection.ORDINARY_TAGS);
        for (int i = 0; i < Connection.ORDINARY_TAGS; i++) {
            futures.add(connection.send(new Tclunk(i)));
        }
        Map<Integer, Integer> tagOfFid = new HashMap<>();
        for (int i = 0; i < Connection.ORDINARY_TAGS; i++) {
            Received r = peer.expectFrame(Tclunk.class);
            tagOfFid.put(r.as(Tclunk.class).fid(), r.tag());
        }
        assertThat(tagOfFid.values()).doesNotHaveDuplicates();
        assertThat(connection.tagsInUse()).isEqualTo(Connection.ORDINARY_TAGS);

        // One more caller: it waits for a tag.
        Call<RMessage> waiting = start("waiting", () -> connection.call(new Tgetattr(99_999, Attr.BASIC)));
        Await.until("a caller waits for a tag", () -> connection.tagWaiters() == 1);
        assertThat(waiting.result()).isNotDone();

        // Cancelling still works: the Tflushes use the tags kept for them, up to 65535 tags in all.
        int firstCancelled = 1000;
        for (int fid = firstCancelled; fid < firstCancelled + Connection.FLUSH_TAGS; fid++) {
            futures.get(fid).cancel(true);
        }
        List<Received> flushes = new ArrayList<>();
        for (int i = 0; i < Connection.FLUSH_TAGS; i++) {
            flushes.add(peer.expectFrame(Tflush.class));
        }
        assertThat(connection.tagsInUse()).isEqualTo(TagTable.TAGS);
        assertThat(peer.hasPendingFrame()).isFalse();

        // The first Rflush frees one ordinary tag: the waiting caller goes out. The allocator
        // goes round from the last tag it handed out (65534, a Tflush's) to the first free one.
        int freedTag = flushes.getFirst().as(Tflush.class).oldTag();
        assertThat(freedTag).isEqualTo(tagOfFid.get(firstCancelled));
        peer.send(flushes.getFirst().tag(), Rflush.INSTANCE);
        Received late = peer.expectFrame(Tgetattr.class);
        assertThat(late.tag()).isEqualTo(freedTag);
        peer.send(late.tag(), new Rgetattr(attr(1, 1)));
        assertThat(waiting.result().get()).isEqualTo(new Rgetattr(attr(1, 1)));

        for (int i = 1; i < flushes.size(); i++) {
            peer.send(flushes.get(i).tag(), Rflush.INSTANCE);
        }
        for (int fid = 0; fid < Connection.ORDINARY_TAGS; fid++) {
            if (fid < firstCancelled || fid >= firstCancelled + Connection.FLUSH_TAGS) {
                peer.send(tagOfFid.get(fid), Rclunk.INSTANCE);
            }
        }
        for (int fid = 0; fid < Connection.ORDINARY_TAGS; fid++) {
            if (fid >= firstCancelled && fid < firstCancelled + Connection.FLUSH_TAGS) {
                assertThat(futures.get(fid)).isCancelled();
            } else {
                assertThat(futures.get(fid).get()).isEqualTo(Rclunk.INSTANCE);
            }
        }
    }
}
