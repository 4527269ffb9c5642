package io.ninep.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Errno;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.message.SetAttr;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.OpenFile;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tlopen, Tread, Twrite, Tfsync and qid.version. */
public interface IoContract extends ContractSupport {

    @Test
    default void writtenBytesReadBackAndReadsStopAtTheEnd() throws Exception {
        FileNode f = file("f", "0123456789");
        OpenFile o = open(f, RDONLY);
        ByteBuffer dst = ByteBuffer.allocate(4);
        assertThat(o.read(3, dst)).isEqualTo(4);
        assertThat(new String(dst.array())).isEqualTo("3456");
        assertThat(o.read(10, ByteBuffer.allocate(4))).isZero();
        assertThat(o.read(1000, ByteBuffer.allocate(4))).isZero();
        ByteBuffer tail = ByteBuffer.allocate(100);
        assertThat(o.read(8, tail)).isEqualTo(2);
    }

    @Test
    default void directAndHeapBuffersBothWork() throws Exception {
        OpenFile o = create(root(), "f", RDWR, 0644).file();
        ByteBuffer direct = ByteBuffer.allocateDirect(6).put(bytes("direct")).flip();
        assertThat(o.write(0, direct)).isEqualTo(6);
        ByteBuffer heapSlice = ByteBuffer.wrap(bytes("xxheapxx"), 2, 4).slice();
        assertThat(o.write(6, heapSlice)).isEqualTo(4);
        ByteBuffer in = ByteBuffer.allocateDirect(10);
        assertThat(o.read(0, in)).isEqualTo(10);
        byte[] got = new byte[10];
        in.flip().get(got);
        assertThat(new String(got)).isEqualTo("directheap");
        ByteBuffer part = ByteBuffer.allocate(8).position(2).limit(6);
        assertThat(o.read(6, part)).isEqualTo(4);
        assertThat(new String(part.array(), 2, 4)).isEqualTo("heap");
    }

    @Test
    default void writesPastTheEndLeaveAHoleOfZeros() throws Exception {
        OpenFile o = create(root(), "f", RDWR, 0644).file();
        write(o, 100_000, bytes("end"));
        write(o, 10, bytes("start"));
        byte[] all = readAll(o, 4096);
        assertThat(all).hasSize(100_003);
        byte[] expected = new byte[100_003];
        System.arraycopy(bytes("start"), 0, expected, 10, 5);
        System.arraycopy(bytes("end"), 0, expected, 100_000, 3);
        assertThat(all).isEqualTo(expected);
    }

    @Test
    default void bigFilesRoundTripInAnyChunkSize() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 1024];
        new Random(42).nextBytes(data);
        OpenFile o = create(root(), "big", RDWR, 0644).file();
        int at = 0;
        while (at < data.length) {
            int n = Math.min(65536 - 24, data.length - at);
            write(o, at, Arrays.copyOfRange(data, at, at + n));
            at += n;
        }
        assertThat(readAll(o, 1 << 20)).isEqualTo(data);
        assertThat(readAll(o, 4096)).isEqualTo(data);
        assertThat(attr(walk("big")).size()).isEqualTo(data.length);
    }

    @Test
    default void appendModeWritesAtTheEnd() throws Exception {
        FileNode f = file("f", "abc");
        OpenFile o = open(f, WRONLY | LinuxOpenFlags.O_APPEND);
        write(o, 0, bytes("def"));
        write(o, 1, bytes("gh"));
        assertThat(text(f)).isEqualTo("abcdefgh");
    }

    @Test
    default void truncatingOpenEmptiesTheFile() throws Exception {
        FileNode f = file("f", "some content");
        OpenFile o = open(f, WRONLY | LinuxOpenFlags.O_TRUNC);
        assertThat(attr(f).size()).isZero();
        write(o, 0, bytes("new"));
        assertThat(text(f)).isEqualTo("new");
    }

    @Test
    default void theAccessModeIsEnforced() throws Exception {
        FileNode f = file("f", "abc");
        OpenFile r = open(f, RDONLY);
        OpenFile w = open(f, WRONLY);
        assertErrno(() -> r.write(0, ByteBuffer.wrap(bytes("x"))), Errno.EBADF);
        assertErrno(() -> w.read(0, ByteBuffer.allocate(3)), Errno.EBADF);
        OpenFile rw = open(f, RDWR);
        write(rw, 3, bytes("d"));
        assertThat(rw.read(0, ByteBuffer.allocate(10))).isEqualTo(4);
    }

    @Test
    default void directoriesOpenOnlyForReading() throws Exception {
        FileNode d = dir("d");
        assertErrno(() -> d.open(WRONLY), Errno.EISDIR);
        assertErrno(() -> d.open(RDWR), Errno.EISDIR);
        open(d, RDONLY).close();
        FileNode f = file("f", "x");
        assertErrno(() -> f.open(RDONLY | LinuxOpenFlags.O_DIRECTORY), Errno.ENOTDIR);
    }

    @Test
    default void fsyncSucceeds() throws Exception {
        OpenFile o = create(root(), "f", RDWR, 0644).file();
        write(o, 0, bytes("data"));
        o.fsync(false);
        o.fsync(true);
    }

    @Test
    default void qidVersionMovesWithEveryChangeOfContent() throws Exception {
        FileNode f = file("f", "aaaa");
        OpenFile o = open(f, RDWR);
        int v0 = f.qid().version();
        write(o, 0, bytes("bbbb"));   // same size, at once: mtime alone may not move
        int v1 = f.qid().version();
        assertThat(v1).isNotEqualTo(v0);
        write(o, 0, bytes("cccc"));
        int v2 = o.qid().version();
        assertThat(v2).isNotEqualTo(v1);
        o.read(0, ByteBuffer.allocate(4));
        assertThat(f.qid().version()).as("a read changes nothing").isEqualTo(v2);
        f.setattr(new SetAttr(SetAttr.SIZE, 0, 0, 0, 2, 0, 0, 0, 0));
        assertThat(f.qid().version()).isNotEqualTo(v2);
    }
}
