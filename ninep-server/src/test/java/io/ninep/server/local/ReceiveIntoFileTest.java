package io.ninep.server.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Errno;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Rlerror;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rwrite;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Twrite;
import io.ninep.protocol.testing.Prerequisites;
import io.ninep.server.Connection;
import io.ninep.server.ServerConfig;
import io.ninep.server.spi.OpenFlags;
import io.ninep.server.testing.RawClient;
import io.ninep.server.testing.ServerFixture;
import io.ninep.transport.buffer.PoolStats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Large Twrites to local files go from the socket into the file (splice(2): one copy, no frame
 * buffer) while the reader waits, and the connection goes on after them in step whatever the
 * file did: short writes, errors before the write, a client that hangs up inside a payload.
 */
class ReceiveIntoFileTest {
    private static final int MSIZE = 256 * 1024;
    private static final int PAYLOAD = 200_000;

    @TempDir
    Path export;

    private final List<Path> mounts = new ArrayList<>();

    @AfterEach
    void unmount() throws Exception {
        for (Path m : mounts) {
            new ProcessBuilder("umount", m.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A Twrite frame as bytes, so that a test can send part of it. */
    private static ByteBuffer twrite(int tag, int fid, long offset, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(Twrite.HEADER_SIZE + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(b.capacity()).put((byte) MessageType.TWRITE.code()).putShort((short) tag)
                .putInt(fid).putLong(offset).putInt(data.length).put(data);
        return b.flip();
    }

    /** ninep's server over a LocalFileServer of {@code dir}, with no trace (a trace turns the splice off). */
    private static ServerFixture serving(Path dir) throws Exception {
        return new ServerFixture(new LocalFileServer(dir), ServerConfig.defaults());
    }

    /** Attaches as fid 0 and opens {@code name} read-write as fid 1. */
    private static void openForWriting(RawClient c, String name) throws Exception {
        c.start(MSIZE);
        c.walk(2, 0, 1, name);
        c.call(3, new Tlopen(1, OpenFlags.O_RDWR), Rlopen.class);
    }

    /** Frame buffers the connection took from its pool of at least {@code size} bytes. */
    private static long bigBuffersTaken(Connection c, int size) {
        long n = 0;
        for (PoolStats.ClassStats s : c.poolStats().classes()) {
            if (s.sizeClass().capacity() >= size) {
                n += s.taken();
            }
        }
        return n + c.poolStats().unpooled().taken();
    }

    @ParameterizedTest
    @EnumSource(value = ServerFixture.Kind.class, names = {"TCP", "UNIX"})
    void largeWritesGoFromTheSocketIntoTheFileWithoutAFrameBuffer(ServerFixture.Kind kind) throws Exception {
        Files.write(export.resolve("f"), new byte[0]);
        byte[] expected = new byte[4 * PAYLOAD + 5000];
        Map<Integer, Integer> counts = new HashMap<>();
        try (ServerFixture fixture = serving(export)) {
            RawClient c = fixture.connect(kind);
            openForWriting(c, "f");
            assertThat(fixture.connection(c).transport().receivesIntoFiles())
                    .as("the test JVM exports sun.nio.ch (see the pom's argLine)").isTrue();
            long[] offsets = {0, PAYLOAD, 3L * PAYLOAD + 5000, 2L * PAYLOAD};
            for (int i = 0; i < offsets.length; i++) {   // four in flight, a Tgetattr among them
                byte[] data = random(PAYLOAD, i);
                System.arraycopy(data, 0, expected, (int) offsets[i], PAYLOAD);
                c.sendRaw(twrite(10 + i, 1, offsets[i], data));
                if (i == 1) {
                    c.send(20, new Tgetattr(1, Attr.BASIC));
                }
            }
            for (int i = 0; i < offsets.length + 1; i++) {
                Frame f = c.receive();
                if (f.body() instanceof Rwrite w) {
                    counts.put(f.tag(), w.count());
                } else {
                    assertThat(f.body()).as("tag " + f.tag()).isInstanceOf(Rgetattr.class);
                }
            }
            // One more whose payload arrives in pieces, with pauses: the splice waits in a channel read.
            byte[] slow = random(PAYLOAD, 9);
            ByteBuffer frame = twrite(30, 1, 4L * PAYLOAD, slow);
            for (int at = 0; at < frame.capacity(); at += 50_000) {
                c.sendRaw(frame.duplicate().position(at).limit(Math.min(frame.capacity(), at + 50_000)));
                Thread.sleep(20);
            }
            assertThat(c.expect(30, Rwrite.class).count()).isEqualTo(PAYLOAD);
            byte[] withSlow = new byte[5 * PAYLOAD];
            System.arraycopy(expected, 0, withSlow, 0, 4 * PAYLOAD);
            System.arraycopy(slow, 0, withSlow, 4 * PAYLOAD, PAYLOAD);
            expected = withSlow;
            fixture.assertQuiet(c);
            assertThat(bigBuffersTaken(fixture.connection(c), PAYLOAD))
                    .as("no frame buffer held a payload: they went from the socket into the file").isZero();
        }
        assertThat(counts).containsOnlyKeys(10, 11, 12, 13).containsValues(PAYLOAD);
        assertThat(Files.readAllBytes(export.resolve("f"))).isEqualTo(expected);
    }

    @Test
    void overAPipeTheSameWritesAreReadIntoAFrameBuffer() throws Exception {
        Files.write(export.resolve("f"), new byte[0]);
        byte[] data = random(PAYLOAD, 1);
        try (ServerFixture fixture = serving(export)) {
            RawClient c = fixture.connect(ServerFixture.Kind.PIPE);
            openForWriting(c, "f");
            c.sendRaw(twrite(10, 1, 0, data));
            assertThat(c.expect(10, Rwrite.class).count()).isEqualTo(PAYLOAD);
            fixture.assertQuiet(c);
            assertThat(bigBuffersTaken(fixture.connection(c), PAYLOAD)).isEqualTo(1);
        }
        assertThat(Files.readAllBytes(export.resolve("f"))).isEqualTo(data);
    }

    @Test
    void aUsersWritesOnAServerRunningAsRootAreSplicedAsTheUser() throws Exception {
        Prerequisites.requireRoot("acting for another user");
        Files.setPosixFilePermissions(export, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path f = Files.write(export.resolve("f"), new byte[0]);
        Files.setAttribute(f, "unix:uid", 65534);
        Files.setAttribute(f, "unix:mode", 04766);
        byte[] data = random(PAYLOAD, 5);
        try (ServerFixture fixture = serving(export)) {
            RawClient c = fixture.connect(ServerFixture.Kind.TCP);
            c.version(MSIZE, "9P2000.L");
            c.attach(1, 0, "nobody", "", 65534);
            c.walk(2, 0, 1, "f");
            c.call(3, new Tlopen(1, OpenFlags.O_RDWR), Rlopen.class);
            c.sendRaw(twrite(10, 1, 0, data));
            assertThat(c.expect(10, Rwrite.class).count()).isEqualTo(PAYLOAD);
            fixture.assertQuiet(c);
            assertThat(bigBuffersTaken(fixture.connection(c), PAYLOAD)).as("spliced, not read into a buffer").isZero();
        }
        assertThat(Files.readAllBytes(f)).isEqualTo(data);
        assertThat((Integer) Files.getAttribute(f, "unix:mode") & 07777)
                .as("the kernel cleared set-user-ID: the write ran without root's CAP_FSETID, as the user").isEqualTo(0766);
    }

    @Test
    void aWriteRefusedBeforeItStartsLeavesItsPayloadSkippedAndTheConnectionInStep() throws Exception {
        Files.write(export.resolve("f"), new byte[0]);
        byte[] data = random(PAYLOAD, 2);
        try (ServerFixture fixture = serving(export)) {
            RawClient c = fixture.connect(ServerFixture.Kind.TCP);
            openForWriting(c, "f");
            c.sendRaw(twrite(10, 1, -1L, data));   // offset 2^64-1: EINVAL, checked before the payload is taken
            c.sendRaw(twrite(11, 1, 0, data));
            Map<Integer, Object> replies = new HashMap<>();
            for (int i = 0; i < 2; i++) {   // in either order: the engine promises none
                Frame f = c.receive();
                replies.put(f.tag(), f.body());
            }
            assertThat(replies.get(10)).isEqualTo(new Rlerror(Errno.EINVAL.number()));
            assertThat(replies.get(11)).isEqualTo(new Rwrite(PAYLOAD));
            c.call(12, new Tgetattr(1, Attr.BASIC), Rgetattr.class);
            fixture.assertQuiet(c);
        }
        assertThat(Files.readAllBytes(export.resolve("f"))).isEqualTo(data);
    }

    @Test
    void aFileThatFillsUpTakesWhatFitsThenFailsAndTheConnectionStaysInStep() throws Exception {
        Prerequisites.requireRoot("mounting a small tmpfs");
        Path small = Files.createDirectory(export.resolve("small"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "ninep-test", small.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        Prerequisites.require(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "permission to mount tmpfs");
        mounts.add(small);
        Files.write(small.resolve("f"), new byte[0]);
        byte[] data = random(PAYLOAD, 3);
        int took;
        try (ServerFixture fixture = serving(small)) {
            RawClient c = fixture.connect(ServerFixture.Kind.TCP);
            openForWriting(c, "f");
            c.sendRaw(twrite(10, 1, 0, data));
            took = c.expect(10, Rwrite.class).count();
            assertThat(took).as("a short write: what the 64K file system had room for").isPositive().isLessThan(PAYLOAD);
            c.sendRaw(twrite(11, 1, took, data));
            assertThat(c.expect(11, Rlerror.class).errno()).isEqualTo(Errno.ENOSPC.number());
            c.call(12, new Tgetattr(1, Attr.BASIC), Rgetattr.class);
            fixture.assertQuiet(c);
        }
        byte[] written = Files.readAllBytes(small.resolve("f"));
        assertThat(written).hasSize(took);
        assertThat(written).isEqualTo(java.util.Arrays.copyOf(data, took));
    }

    @Test
    void aClientThatHangsUpInsideAPayloadEndsTheConnection() throws Exception {
        Files.write(export.resolve("f"), new byte[0]);
        try (ServerFixture fixture = serving(export)) {
            RawClient c = fixture.connect(ServerFixture.Kind.TCP);
            openForWriting(c, "f");
            ByteBuffer frame = twrite(10, 1, 0, random(PAYLOAD, 4));
            c.sendRaw(frame.limit(100_000));
            Thread.sleep(50);   // the request is splicing, or waiting for more, when the end comes
            c.shutdownOutput();
            Connection server = fixture.connection(c);
            assertThat(server.awaitClosed(Duration.ofSeconds(20))).as("the connection closed").isTrue();
            assertThat(server.closeReason()).contains("Twrite");
            assertThat(server.poolStats().inUse()).isZero();
        }
    }
}
