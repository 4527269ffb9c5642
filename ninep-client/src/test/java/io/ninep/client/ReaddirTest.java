package io.ninep.client;

import static io.ninep.client.testing.Fixtures.qid;
import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.testing.ScriptedPeer.Received;
import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rreaddir;
import io.ninep.protocol.message.Rwalk;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Treaddir;
import io.ninep.protocol.message.Twalk;
import io.ninep.transport.buffer.BufferPool;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Treaddir sizing: small first, growing when the directory turns out large. */
class ReaddirTest extends SessionTestBase {

    private List<DirEntry> directory(int n) {
        List<DirEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(new DirEntry(qid(100 + i), i + 1, DirEntry.DT_REG, "entry-number-" + i));
        }
        return entries;
    }

    /** Answers a Treaddir with as many whole entries, from its offset on, as fit in its count. */
    private void answer(Received r, List<DirEntry> entries) throws Exception {
        Treaddir t = r.as(Treaddir.class);
        ByteBuffer b = ByteBuffer.allocate(t.count()).order(ByteOrder.LITTLE_ENDIAN);
        for (DirEntry e : entries) {
            if (e.offset() > t.offset() && e.encodedSize() <= b.remaining()) {
                e.encode(b);
            } else if (e.offset() > t.offset()) {
                break;
            }
        }
        peer.send(r.tag(), new Rreaddir(b.flip()));
    }

    private List<String> list(List<DirEntry> entries, List<Integer> counts) throws Exception {
        CompletableFuture<List<String>> listing = async(() -> {
            List<String> names = new ArrayList<>();
            try (DirectoryStream<DirEntry> s = root.list()) {
                for (DirEntry e : s) {
                    names.add(e.name());
                }
            }
            return names;
        });
        Received w = peer.expectFrame(Twalk.class);
        peer.send(w.tag(), new Rwalk());
        Received o = peer.expectFrame(Tlopen.class);
        peer.send(o.tag(), new Rlopen(qid(1), 0));
        while (true) {
            Received r = peer.expect();
            if (r.message() instanceof Tclunk) {
                peer.send(r.tag(), Rclunk.INSTANCE);
                break;
            }
            counts.add(r.as(Treaddir.class).count());
            answer(r, entries);
        }
        return listing.get();
    }

    @Test
    void smallDirectoryCostsOnlySmallBuffers() throws Exception {
        open(4 << 20);
        List<Integer> counts = new ArrayList<>();
        List<String> names = list(directory(10), counts);
        assertThat(names).hasSize(10);
        assertThat(counts).containsExactly(4096, 4096);   // the entries, then the empty end
        assertThat(session.poolStats().takenLargerThan(BufferPool.SMALL)).isZero();
    }

    @Test
    void largeDirectoryGrowsTowardMsize() throws Exception {
        open(4 << 20);
        List<Integer> counts = new ArrayList<>();
        List<String> names = list(directory(100_000), counts);
        assertThat(names).hasSize(100_000);
        int msize = 4 << 20;
        assertThat(counts.subList(0, 4)).containsExactly(4096, 65536, msize / 2, msize - 24);
        assertThat(counts.size()).as("round trips for ~4 MB of entries").isLessThan(8);
        assertThat(session.poolStats().byName("full").taken()).isPositive();
    }
}
