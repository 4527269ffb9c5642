package io.ninep.client.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.client.testing.Await;
import io.ninep.client.testing.Fixtures;
import io.ninep.client.testing.ScriptedPeer.Received;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.message.Rfsync;
import io.ninep.protocol.message.Rflush;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rsetattr;
import io.ninep.protocol.message.Rwrite;
import io.ninep.protocol.message.SetAttr;
import io.ninep.protocol.message.Tflush;
import io.ninep.protocol.message.Tfsync;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Tsetattr;
import io.ninep.protocol.message.Twalk;
import io.ninep.protocol.message.Twrite;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What channels and streams send, byte by byte against a scripted server. */
class ChannelTest extends ScriptedFileSystemTestBase {

    /** Opens /f with {@code options}: Twalk, Tlopen with {@code flags}; returns the fid number. */
    private int open(CompletableFuture<?> opening, int flags) throws Exception {
        Received w = walkToFile(List.of("f"), 5);
        Received o = next();
        assertThat(o.as(Tlopen.class).flags()).isEqualTo(flags);
        peer.send(o.tag(), new Rlopen(Fixtures.qid(5), 0));
        return w.as(Twalk.class).newFid();
    }

    @Test
    void anInterruptFlushesClosesTheChannelAndSaysSo() throws Exception {
        CompletableFuture<SeekableByteChannel> opening = async(() -> Files.newByteChannel(fs.getPath("/f")));
        int fid = open(opening, LinuxOpenFlags.O_RDONLY);
        SeekableByteChannel ch = opening.get(20, TimeUnit.SECONDS);
        Thread[] reader = new Thread[1];
        CompletableFuture<Integer> reading = new CompletableFuture<>();
        reader[0] = Thread.ofVirtual().start(() -> {
            try {
                reading.complete(ch.read(ByteBuffer.allocate(100)));
            } catch (Throwable t) {
                reading.completeExceptionally(t);
            }
        });
        Received r = next();
        assertThat(r.as(Tread.class).fid()).isEqualTo(fid);
        reader[0].interrupt();
        Received f = next();
        assertThat(f.as(Tflush.class).oldTag()).isEqualTo(r.tag());
        peer.send(f.tag(), new Rflush());
        expectClunkOf(fid);   // closing the channel clunks its fid
        assertThatThrownBy(() -> reading.get(20, TimeUnit.SECONDS)).cause().isInstanceOf(ClosedByInterruptException.class);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void readsAtThePositionAndEndWithMinusOne() throws Exception {
        CompletableFuture<SeekableByteChannel> opening = async(() -> Files.newByteChannel(fs.getPath("/f")));
        int fid = open(opening, LinuxOpenFlags.O_RDONLY);
        SeekableByteChannel ch = opening.get(20, TimeUnit.SECONDS);
        ch.position(10);
        CompletableFuture<Integer> reading = async(() -> ch.read(ByteBuffer.allocate(8)));
        Received r = next();
        assertThat(r.as(Tread.class).offset()).isEqualTo(10);
        assertThat(r.as(Tread.class).count()).isEqualTo(8);
        peer.send(r.tag(), new Rread(ByteBuffer.wrap(new byte[] {1, 2, 3})));
        Received again = next();   // short: read on until full or the end
        assertThat(again.as(Tread.class).offset()).isEqualTo(13);
        peer.send(again.tag(), new Rread(ByteBuffer.allocate(0)));
        assertThat(reading.get(20, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(ch.position()).isEqualTo(13);
        CompletableFuture<Integer> atEnd = async(() -> ch.read(ByteBuffer.allocate(8)));
        Received end = next();
        peer.send(end.tag(), new Rread(ByteBuffer.allocate(0)));
        assertThat(atEnd.get(20, TimeUnit.SECONDS)).isEqualTo(-1);
        closeAsync(ch, fid);
    }

    @Test
    void appendWritesAtTheSizeTheServerReports() throws Exception {
        CompletableFuture<SeekableByteChannel> opening = async(() -> Files.newByteChannel(fs.getPath("/f"),
                StandardOpenOption.APPEND));
        int fid = open(opening, LinuxOpenFlags.O_WRONLY | LinuxOpenFlags.O_APPEND);
        SeekableByteChannel ch = opening.get(20, TimeUnit.SECONDS);
        CompletableFuture<Integer> writing = async(() -> ch.write(ByteBuffer.wrap(new byte[] {9, 9})));
        Received g = next();
        assertThat(g.as(Tgetattr.class).fid()).isEqualTo(fid);
        peer.send(g.tag(), new Rgetattr(Fixtures.attr(5, 1000)));
        Received w = next();
        assertThat(w.as(Twrite.class).offset()).isEqualTo(1000);
        peer.send(w.tag(), new Rwrite(2));
        assertThat(writing.get(20, TimeUnit.SECONDS)).isEqualTo(2);
        closeAsync(ch, fid);
    }

    @Test
    void syncCommitsEveryWrite() throws Exception {
        CompletableFuture<SeekableByteChannel> opening = async(() -> Files.newByteChannel(fs.getPath("/f"),
                StandardOpenOption.WRITE, StandardOpenOption.DSYNC));
        int fid = open(opening, LinuxOpenFlags.O_WRONLY);
        SeekableByteChannel ch = opening.get(20, TimeUnit.SECONDS);
        CompletableFuture<Integer> writing = async(() -> ch.write(ByteBuffer.wrap(new byte[] {1})));
        Received w = next();
        peer.send(w.tag(), new Rwrite(1));
        Received s = next();
        assertThat(s.as(Tfsync.class).fid()).isEqualTo(fid);
        assertThat(s.as(Tfsync.class).dataSync()).isEqualTo(1);   // DSYNC: fdatasync
        peer.send(s.tag(), new Rfsync());
        assertThat(writing.get(20, TimeUnit.SECONDS)).isEqualTo(1);
        closeAsync(ch, fid);
    }

    @Test
    void truncationIsASetattrAfterTheOpenAsLinuxDoes() throws Exception {
        CompletableFuture<SeekableByteChannel> opening = async(() -> Files.newByteChannel(fs.getPath("/f"),
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
        int fid = open(opening, LinuxOpenFlags.O_WRONLY);   // no O_TRUNC: nfs-ganesha ignores it
        Received t = next();
        SetAttr change = t.as(Tsetattr.class).changes();
        assertThat(t.as(Tsetattr.class).fid()).isEqualTo(fid);
        assertThat(change.valid()).isEqualTo(SetAttr.SIZE);
        assertThat(change.size()).isZero();
        peer.send(t.tag(), new Rsetattr());
        closeAsync(opening.get(20, TimeUnit.SECONDS), fid);
    }

    @Test
    void aDirectoryIsNotOpenedForWriting() throws Exception {
        CompletableFuture<SeekableByteChannel> opening = async(() -> Files.newByteChannel(fs.getPath("/d"),
                StandardOpenOption.WRITE));
        Received w = expectWalk(List.of("d"));
        peer.send(w.tag(), new io.ninep.protocol.message.Rwalk(List.of(Fixtures.dirQid(3))));
        assertThatThrownBy(() -> opening.get(20, TimeUnit.SECONDS)).cause().isInstanceOf(FileSystemException.class)
                .hasMessage("/d: Is a directory");
    }

    @Test
    void anOutputStreamGathersSmallWritesIntoOneTwrite() throws Exception {
        CompletableFuture<OutputStream> opening = async(() -> Files.newOutputStream(fs.getPath("/f"),
                StandardOpenOption.WRITE));
        int fid = open(opening, LinuxOpenFlags.O_WRONLY);
        OutputStream out = opening.get(20, TimeUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            out.write(new byte[8192]);   // what Files.write and BufferedOutputStream hand down
        }
        assertThat(peer.hasPendingFrame()).isFalse();
        CompletableFuture<Void> closing = async(() -> {
            out.close();
            return null;
        });
        Received w = next();
        assertThat(w.as(Twrite.class).fid()).isEqualTo(fid);
        assertThat(w.as(Twrite.class).offset()).isZero();
        assertThat(w.as(Twrite.class).data().remaining()).isEqualTo(3 * 8192);
        peer.send(w.tag(), new Rwrite(3 * 8192));
        expectClunkOf(fid);
        closing.get(20, TimeUnit.SECONDS);
    }

    @Test
    void channelsAreFileChannelsAndRefuseToMap() throws Exception {
        CompletableFuture<SeekableByteChannel> opening = async(() -> Files.newByteChannel(fs.getPath("/f")));
        int fid = open(opening, LinuxOpenFlags.O_RDONLY);
        SeekableByteChannel ch = opening.get(20, TimeUnit.SECONDS);
        assertThat(ch).isInstanceOf(FileChannel.class);
        assertThatThrownBy(() -> ((FileChannel) ch).map(FileChannel.MapMode.READ_ONLY, 0, 1))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ch.write(ByteBuffer.allocate(1)))
                .isInstanceOf(java.nio.channels.NonWritableChannelException.class);
        closeAsync(ch, fid);
    }

    private void closeAsync(SeekableByteChannel ch, int fid) throws Exception {
        CompletableFuture<Void> closing = async(() -> {
            ch.close();
            return null;
        });
        expectClunkOf(fid);
        closing.get(20, TimeUnit.SECONDS);
        Await.until("closed", () -> !ch.isOpen());
    }

}
