package io.ninep.client;

import static io.ninep.client.testing.Fixtures.qid;
import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.testing.ScriptedPeer.Received;
import io.ninep.protocol.Errno;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rflush;
import io.ninep.protocol.message.Rlerror;
import io.ninep.protocol.message.Rremove;
import io.ninep.protocol.message.Rrename;
import io.ninep.protocol.message.Runlinkat;
import io.ninep.protocol.message.Rwalk;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tflush;
import io.ninep.protocol.message.Tremove;
import io.ninep.protocol.message.Trename;
import io.ninep.protocol.message.Trenameat;
import io.ninep.protocol.message.Tunlinkat;
import io.ninep.protocol.message.Twalk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Fid bookkeeping: numbers, walks, orphans, and fallbacks for missing operations. */
class FidTest extends SessionTestBase {

    @Test
    void fidNumbersAreReusedOnceClunked() throws Exception {
        open(64 * 1024);
        Fid a = walkAnswered("a");
        assertThat(a.number()).isEqualTo(1);
        CompletableFuture<Void> closing = async(() -> {
            a.close();
            return null;
        });
        Received clunk = peer.expectFrame(Tclunk.class);
        assertThat(clunk.as(Tclunk.class).fid()).isEqualTo(1);
        peer.send(clunk.tag(), Rclunk.INSTANCE);
        closing.get();
        a.close();   // a second close sends nothing
        Fid b = walkAnswered("b");
        assertThat(b.number()).as("fid 1 is free again").isEqualTo(1);
        closeAnswered(b);
    }

    @Test
    void clunkThatFailsStillEndsTheFid() throws Exception {
        open(64 * 1024);
        Fid a = walkAnswered("a");
        CompletableFuture<Void> closing = async(() -> {
            a.close();
            return null;
        });
        Received clunk = peer.expectFrame(Tclunk.class);
        peer.send(clunk.tag(), new Rlerror(Errno.EBADF.number()));
        assertThat(closing).failsWithin(java.time.Duration.ofSeconds(20)).withThrowableThat()
                .havingCause().isInstanceOf(RemoteErrorException.class);
        assertThat(a.isClosed()).isTrue();
        assertThat(session.fidsInUse()).isEqualTo(1);
    }

    @Test
    void partialWalkMakesNoFid() throws Exception {
        open(64 * 1024);
        CompletableFuture<Fid> walking = async(() -> root.walk("a", "b"));
        Received w = peer.expectFrame(Twalk.class);
        peer.send(w.tag(), new Rwalk(qid(2)));   // "b" is missing: walk(5) says newfid was not made
        assertThat(walking).failsWithin(java.time.Duration.ofSeconds(20)).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(RemoteErrorException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENOENT.number());
                    assertThat(e.getMessage()).contains("'b' not found after a");
                });
        assertThat(session.fidsInUse()).isEqualTo(1);
    }

    @Test
    void walkOfMoreThan16NamesGoesInStepsAndCleansUpAfterAFailure() throws Exception {
        open(64 * 1024);
        List<String> names = new ArrayList<>(Collections.nCopies(20, "d"));
        CompletableFuture<Fid> walking = async(() -> root.walk(names));
        Received first = peer.expectFrame(Twalk.class);
        Twalk t1 = first.as(Twalk.class);
        assertThat(t1.names()).hasSize(16);
        assertThat(t1.newFid()).isEqualTo(1);
        List<io.ninep.protocol.message.Qid> qids = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            qids.add(io.ninep.client.testing.Fixtures.dirQid(10 + i));
        }
        peer.send(first.tag(), new Rwalk(qids));
        Received second = peer.expectFrame(Twalk.class);
        Twalk t2 = second.as(Twalk.class);
        assertThat(t2.fid()).isEqualTo(1);
        assertThat(t2.newFid()).isEqualTo(1);
        assertThat(t2.names()).hasSize(4);
        peer.send(second.tag(), new Rlerror(Errno.ENOENT.number()));
        // fid 1 exists on the server (the first step made it): the client clunks it.
        Received clunk = peer.expectFrame(Tclunk.class);
        assertThat(clunk.as(Tclunk.class).fid()).isEqualTo(1);
        peer.send(clunk.tag(), Rclunk.INSTANCE);
        assertThat(walking).failsWithin(java.time.Duration.ofSeconds(20)).withThrowableThat().havingCause()
                .isInstanceOf(RemoteErrorException.class);
    }

    @Test
    void cancelledWalkWhoseReplyWinsIsClunkedByTheSession() throws Exception {
        open(64 * 1024);
        CompletableFuture<Fid> f = root.walkAsync("a");
        Received walk = peer.expectFrame(Twalk.class);
        assertThat(walk.as(Twalk.class).newFid()).isEqualTo(1);
        f.cancel(true);
        Received flush = peer.expectFrame(Tflush.class);
        peer.send(walk.tag(), new Rwalk(qid(5)));   // flush(5): "Twalk may have allocated a fid"
        peer.send(flush.tag(), Rflush.INSTANCE);
        Received clunk = peer.expectFrame(Tclunk.class);
        assertThat(clunk.as(Tclunk.class).fid()).isEqualTo(1);
        peer.send(clunk.tag(), Rclunk.INSTANCE);
        assertThat(f).isCancelled();
    }

    @Test
    void cancelledWalkFlushedWithoutReplyFreesItsNumber() throws Exception {
        open(64 * 1024);
        CompletableFuture<Fid> f = root.walkAsync("a");
        peer.expectFrame(Twalk.class);
        f.cancel(true);
        Received flush = peer.expectFrame(Tflush.class);
        peer.send(flush.tag(), Rflush.INSTANCE);
        io.ninep.client.testing.Await.until("fid 1 is free", () -> session.fidsInUse() == 1);
        Fid again = walkAnswered("b");
        assertThat(again.number()).isEqualTo(1);
        closeAnswered(again);
    }

    @Test
    void interruptedBlockingWalkWhoseReplyWinsReturnsTheFid() throws Exception {
        open(64 * 1024);
        CompletableFuture<Fid> result = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                result.complete(root.walk("a"));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        Received walk = peer.expectFrame(Twalk.class);
        t.interrupt();
        Received flush = peer.expectFrame(Tflush.class);
        peer.send(walk.tag(), new Rwalk(qid(5)));
        peer.send(flush.tag(), Rflush.INSTANCE);
        Fid f = result.get();
        assertThat(f.qid()).isEqualTo(qid(5));
        closeAnswered(f);
    }

    @Test
    void unlinkatFallsBackToWalkAndRemoveLikeLinux() throws Exception {
        open(64 * 1024);
        CompletableFuture<Void> first = async(() -> {
            root.unlinkat("x", 0);
            return null;
        });
        Received u = peer.expectFrame(Tunlinkat.class);
        peer.send(u.tag(), new Rlerror(Errno.EOPNOTSUPP.number()));
        Received w = peer.expectFrame(Twalk.class);
        assertThat(w.as(Twalk.class).names()).containsExactly("x");
        peer.send(w.tag(), new Rwalk(qid(3)));
        Received rm = peer.expectFrame(Tremove.class);
        peer.send(rm.tag(), Rremove.INSTANCE);
        first.get();
        assertThat(session.quirks()).anySatisfy(q -> assertThat(q.messageType()).isEqualTo("Tunlinkat"));

        // The session remembers: straight to the fallback.
        CompletableFuture<Void> second = async(() -> {
            root.unlinkat("y", 0);
            return null;
        });
        Received w2 = peer.expectFrame(Twalk.class);
        peer.send(w2.tag(), new Rwalk(qid(4)));
        Received rm2 = peer.expectFrame(Tremove.class);
        peer.send(rm2.tag(), Rremove.INSTANCE);
        second.get();
    }

    @Test
    void unlinkatErrorsOtherThanUnsupportedAreThrown() throws Exception {
        open(64 * 1024);
        CompletableFuture<Void> f = async(() -> {
            root.unlinkat("x", 0);
            return null;
        });
        Received u = peer.expectFrame(Tunlinkat.class);
        peer.send(u.tag(), new Rlerror(Errno.ENOTEMPTY.number()));
        assertThat(f).failsWithin(java.time.Duration.ofSeconds(20)).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(RemoteErrorException.class, e -> assertThat(e.errnoName()).isEqualTo("ENOTEMPTY"));
    }

    @Test
    void renameatFallsBackToWalkAndRename() throws Exception {
        open(64 * 1024);
        CompletableFuture<Void> f = async(() -> {
            root.renameat("old", root, "new");
            return null;
        });
        Received r = peer.expectFrame(Trenameat.class);
        peer.send(r.tag(), new Rlerror(Errno.EOPNOTSUPP.number()));
        Received w = peer.expectFrame(Twalk.class);
        peer.send(w.tag(), new Rwalk(qid(3)));
        Received rn = peer.expectFrame(Trename.class);
        assertThat(rn.as(Trename.class).name()).isEqualTo("new");
        peer.send(rn.tag(), Rrename.INSTANCE);
        Received clunk = peer.expectFrame(Tclunk.class);
        peer.send(clunk.tag(), Rclunk.INSTANCE);
        f.get();
    }

    private Fid walkAnswered(String name) throws Exception {
        CompletableFuture<Fid> walking = async(() -> root.walk(name));
        Received w = peer.expectFrame(Twalk.class);
        peer.send(w.tag(), new Rwalk(qid(name.hashCode() & 0xffff)));
        return walking.get();
    }

    private void closeAnswered(Fid f) throws Exception {
        CompletableFuture<Void> closing = async(() -> {
            f.close();
            return null;
        });
        Received clunk = peer.expectFrame(Tclunk.class);
        peer.send(clunk.tag(), Rclunk.INSTANCE);
        closing.get();
    }
}
