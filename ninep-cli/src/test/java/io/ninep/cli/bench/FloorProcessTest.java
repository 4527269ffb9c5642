package io.ninep.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.client.ClientConfig;
import io.ninep.client.Fid;
import io.ninep.client.RemoteErrorException;
import io.ninep.client.Session;
import io.ninep.protocol.LinuxOpenFlags;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write floor, compiled with the machine's C compiler (the test machines have gcc, as
 * run-tests installs it) and written through by ninep's client: the bytes it answers for must
 * be in the file, where they were asked to go, or the bench's floor would be no floor.
 */
class FloorProcessTest {
    @TempDir
    Path dir;

    @Test
    void writesEveryTwriteIntoItsFileAtItsOffsetOneConnectionAfterAnother() throws Exception {
        Path file = dir.resolve("big");
        Files.write(file, new byte[1 << 20]);
        byte[] first = bytes(300_000, 1);
        byte[] second = bytes(70_000, 2);
        try (FloorProcess floor = start(file)) {
            write(floor, 65536, 4, 4096, first);   // several requests, four in flight
            write(floor, 8192, 1, 500_000, second);   // a second connection, once the first has gone
        }
        byte[] in = Files.readAllBytes(file);
        assertThat(Arrays.mismatch(slice(in, 4096, first.length), first)).as("the first byte of the first write that differs")
                .isEqualTo(-1);
        assertThat(Arrays.mismatch(slice(in, 500_000, second.length), second)).as("the first byte of the second that differs")
                .isEqualTo(-1);
        assertThat(Arrays.mismatch(slice(in, 0, 4096), new byte[4096])).as("a byte before the first write").isEqualTo(-1);
    }

    @Test
    void answersWhatItDoesNotDoWithAnError() throws Exception {
        Path file = dir.resolve("big");
        Files.write(file, new byte[4096]);
        try (FloorProcess floor = start(file);
             Session s = Session.connect(floor.address(), ClientConfig.defaults().withMsize(65536))) {
            Fid f = s.attach(null, "root", "", 0).walk("big");
            assertThatThrownBy(f::getattr).isInstanceOfSatisfying(RemoteErrorException.class,
                    e -> assertThat(e.errno()).isEqualTo(95));   // EOPNOTSUPP
        }
    }

    @Test
    void aCompilerThatFailsIsAnErrorThatSaysSo() throws Exception {
        Path file = dir.resolve("big");
        Files.write(file, new byte[4096]);
        assertThatThrownBy(() -> FloorProcess.start(Path.of("/bin/false"), file, dir.resolve("floor"), dir.resolve("floor.log")))
                .isInstanceOf(IOException.class).hasMessageContaining("could not compile");
    }

    private FloorProcess start(Path file) throws Exception {
        Path cc = FloorProcess.compiler().orElseThrow(
                () -> new AssertionError("no C compiler (cc, gcc) on PATH: apt-get install gcc"));
        return FloorProcess.start(cc, file, dir.resolve("floor"), dir.resolve("floor.log"));
    }

    private static void write(FloorProcess floor, int msize, int window, long offset, byte[] data) throws Exception {
        try (Session s = Session.connect(floor.address(), ClientConfig.defaults().withMsize(msize).withIoWindow(window))) {
            Fid f = s.attach(null, "root", "", 0).walk("big");
            f.open(LinuxOpenFlags.O_WRONLY);
            ByteBuffer b = ByteBuffer.allocateDirect(data.length).put(data).flip();
            assertThat(f.writeAll(offset, b)).isEqualTo(data.length);
        }
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] slice(byte[] in, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(in, from, out, 0, length);
        return out;
    }
}
