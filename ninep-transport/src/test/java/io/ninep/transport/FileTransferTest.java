package io.ninep.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Transport#transferFrom}: a socket sends with sendfile, other transports copy; both put
 * exactly the promised bytes on the wire, zeros for any the file no longer has.
 */
class FileTransferTest {
    private static final int FILE_SIZE = 3 * 1024 * 1024 + 777;

    @TempDir
    Path dir;

    @Test
    void aSocketSendsTheFileBytesDirectlyAndExactly() throws Exception {
        byte[] content = content();
        try (Listener listener = Listener.bind(new DialAddress.Tcp("127.0.0.1", 0));
             FileChannel file = FileChannel.open(file(content))) {
            try (Transport client = Dialer.dial(listener.address(), Duration.ofSeconds(5));
                 Transport server = listener.accept()) {
                assertThat(server.sendsFilesDirectly()).isTrue();
                expectTransfer(server, client, file, content, 12345, 2 * 1024 * 1024 + 3);
            }
        }
    }

    @Test
    void aPipeCopiesTheSameBytes() throws Exception {
        byte[] content = content();
        PipePair pair = PipePair.open();
        try (FileChannel file = FileChannel.open(file(content)); Transport server = pair.server();
             Transport client = pair.client()) {
            assertThat(server.sendsFilesDirectly()).isFalse();
            expectTransfer(server, client, file, content, 1, 200_001);
        }
    }

    @Test
    void bytesPastTheEndOfAShrunkFileGoOutAsZerosOverBothPaths() throws Exception {
        byte[] content = content();
        try (Listener listener = Listener.bind(new DialAddress.Tcp("127.0.0.1", 0));
             FileChannel file = FileChannel.open(file(content))) {
            try (Transport client = Dialer.dial(listener.address(), Duration.ofSeconds(5));
                 Transport server = listener.accept()) {
                expectTransfer(server, client, file, content, FILE_SIZE - 1000, 70_000);
            }
            PipePair pair = PipePair.open();
            try (Transport server = pair.server(); Transport client = pair.client()) {
                expectTransfer(server, client, file, content, FILE_SIZE + 5, 100_000);
            }
        }
    }

    /** Sends {@code count} bytes at {@code position} and checks what arrives: the file's bytes, then zeros. */
    private static void expectTransfer(Transport from, Transport to, FileChannel file, byte[] content,
                                       long position, int count) throws Exception {
        var sent = CompletableFuture.runAsync(() -> {
            try {
                from.transferFrom(file, position, count);
                from.write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {42})}, 0, 1);   // a marker after it
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        ByteBuffer got = ByteBuffer.allocate(count + 1);
        to.readFully(got);
        sent.get();
        byte[] expected = new byte[count + 1];
        int fromFile = (int) Math.max(0, Math.min(count, content.length - position));
        if (fromFile > 0) {
            System.arraycopy(content, (int) position, expected, 0, fromFile);
        }
        expected[count] = 42;
        assertThat(Arrays.equals(got.array(), expected))
                .as("%d bytes at %d: %d from the file, %d zeros, then the marker", count, position, fromFile,
                        count - fromFile)
                .isTrue();
    }

    private static byte[] content() {
        byte[] b = new byte[FILE_SIZE];
        new Random(7).nextBytes(b);
        return b;
    }

    private Path file(byte[] content) throws Exception {
        Path p = Files.createTempFile(dir, "span", ".bin");
        Files.write(p, content);
        return p;
    }
}
