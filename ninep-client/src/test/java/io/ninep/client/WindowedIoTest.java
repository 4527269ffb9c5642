package io.ninep.client;

import static io.ninep.client.testing.Fixtures.qid;
import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.testing.ScriptedPeer.Received;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.P9;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rwalk;
import io.ninep.protocol.message.Rwrite;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Twalk;
import io.ninep.protocol.message.Twrite;
import io.ninep.transport.buffer.BufferPool;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Large reads and writes as a pipeline: msize 64 KiB, a window of 4; the peer sees four requests
 * before it answers any, answers them out of order, and breaks pieces short.
 */
class WindowedIoTest extends SessionTestBase {
    private static final int MSIZE = 64 * 1024;
    private static final int PIECE = MSIZE - P9.IO_HEADER_SIZE;

    private Fid file;
    private byte[] content;

    private void openFile(int size) throws Exception {
        open(ClientConfig.defaults().withMsize(MSIZE).withIoWindow(4));
        content = new byte[size];
        new Random(size).nextBytes(content);
        CompletableFuture<Fid> walking = async(() -> root.walk("f"));
        Received w = peer.expectFrame(Twalk.class);
        peer.send(w.tag(), new Rwalk(qid(9)));
        file = walking.get();
        CompletableFuture<Object> opening = async(() -> file.lopen(LinuxOpenFlags.O_RDWR));
        Received o = peer.expectFrame(Tlopen.class);
        peer.send(o.tag(), new Rlopen(qid(9), 0));
        opening.get();
    }

    private void closeFile() throws Exception {
        CompletableFuture<Void> closing = async(() -> {
            file.close();
            return null;
        });
        Received c = peer.expectFrame(Tclunk.class);
        peer.send(c.tag(), Rclunk.INSTANCE);
        closing.get();
    }

    /** Answers a Tread from {@code content} (short at its end), at most {@code limit} bytes. */
    private void answer(Received r, int limit) throws Exception {
        Tread t = r.as(Tread.class);
        int from = (int) Math.min(t.offset(), content.length);
        int n = Math.min(Math.min(t.count(), limit), content.length - from);
        peer.send(r.tag(), new Rread(ByteBuffer.wrap(content, from, n).slice()));
    }

    @Test
    void readKeepsTheWindowFullAndPlacesPiecesByOffset() throws Exception {
        openFile(PIECE * 6 + 1000);   // the file ends inside the 7th piece
        ByteBuffer dst = ByteBuffer.allocate(PIECE * 10);
        CompletableFuture<Integer> reading = async(() -> file.readAll(0, dst));
        List<Received> first = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            first.add(peer.expectFrame(Tread.class));
        }
        // Four requests in flight before any reply: the window.
        assertThat(first).extracting(r -> r.as(Tread.class).offset())
                .containsExactly(0L, (long) PIECE, 2L * PIECE, 3L * PIECE);
        assertThat(first).allSatisfy(r -> assertThat(r.as(Tread.class).count()).isEqualTo(PIECE));
        for (int i = 3; i >= 0; i--) {   // out of order
            answer(first.get(i), Integer.MAX_VALUE);
        }
        // The client refills the window as each piece comes back: pieces 4 to 9. Piece 6 ends the
        // file (short), and 7 to 9, already in flight, come back empty: the end, no more asked.
        for (int i = 4; i < 10; i++) {
            Received r = peer.expectFrame(Tread.class);
            assertThat(r.as(Tread.class).offset()).isEqualTo((long) i * PIECE);
            answer(r, Integer.MAX_VALUE);
        }
        assertThat(reading.get()).isEqualTo(content.length);
        assertThat(Arrays.copyOf(dst.array(), content.length)).isEqualTo(content);
        assertThat(dst.position()).isEqualTo(content.length);
        assertThat(session.poolStats().takenLargerThan(BufferPool.SMALL)).isZero();
        closeFile();
    }

    @Test
    void shortPieceMidFileIsAskedForAgain() throws Exception {
        openFile(PIECE * 4);
        ByteBuffer dst = ByteBuffer.allocate(PIECE * 4);
        CompletableFuture<Integer> reading = async(() -> file.readAll(0, dst));
        List<Received> first = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            first.add(peer.expectFrame(Tread.class));
        }
        answer(first.get(0), Integer.MAX_VALUE);
        answer(first.get(1), 100);               // short, though the file goes on
        answer(first.get(2), Integer.MAX_VALUE);
        answer(first.get(3), Integer.MAX_VALUE);
        // The rest is asked for again from where the short piece stopped.
        Received again = peer.expectFrame(Tread.class);
        assertThat(again.as(Tread.class).offset()).isEqualTo(PIECE + 100L);
        answer(again, Integer.MAX_VALUE);
        List<Received> more = new ArrayList<>();
        while (true) {
            Received r = peer.expectFrame(Tread.class);
            answer(r, Integer.MAX_VALUE);
            more.add(r);
            long end = r.as(Tread.class).offset() + r.as(Tread.class).count();
            if (end >= content.length) {
                break;
            }
        }
        assertThat(reading.get()).isEqualTo(content.length);
        assertThat(dst.array()).isEqualTo(content);
        closeFile();
    }

    @Test
    void writeSendsPiecesFromTheCallersBufferAndRetriesAShortOne() throws Exception {
        openFile(0);
        byte[] data = new byte[PIECE * 3 + 500];
        new Random(1).nextBytes(data);
        byte[] written = new byte[data.length];
        CompletableFuture<Long> writing = async(() -> file.writeAll(0, ByteBuffer.wrap(data)));
        List<Received> first = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            first.add(peer.expectFrame(Twrite.class));
        }
        for (int i = 0; i < 4; i++) {
            Twrite w = first.get(i).as(Twrite.class);
            int n = i == 1 ? 1000 : w.count();   // the second piece is written short
            w.data().get(0, written, (int) w.offset(), n);
            peer.send(first.get(i).tag(), new Rwrite(n));
        }
        long pos = PIECE + 1000;
        while (pos < data.length) {
            Received r = peer.expectFrame(Twrite.class);
            Twrite w = r.as(Twrite.class);
            assertThat(w.offset()).isEqualTo(pos);
            w.data().get(0, written, (int) w.offset(), w.count());
            peer.send(r.tag(), new Rwrite(w.count()));
            pos += w.count();
        }
        assertThat(writing.get()).isEqualTo(data.length);
        assertThat(written).isEqualTo(data);
        closeFile();
    }
}
