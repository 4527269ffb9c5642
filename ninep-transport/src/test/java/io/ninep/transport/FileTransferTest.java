package io.ninep.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Transport#transferFrom}: a socket sends with sendfile, other transports copy; both put
 * exactly the promised bytes on the wire, zeros for any the file no longer has. The same of
 * {@link Transport#writeMapped}, whose payload is a mapping of the file.
 */
class FileTransferTest {
    private static final int FILE_SIZE = 3 * 1024 * 1024 + 777;

    @TempDir
    Path dir;

    @Test
    void aSocketSendsTheFileBytesDirectlyAndExactly() throws Exception {
        byte[] content = content();
        try (FileChannel file = FileChannel.open(file(content))) {
            overTcp((server, client) -> {
                assertThat(server.sendsFilesDirectly()).isTrue();
                expectTransfer(server, client, file, content, 12345, 2 * 1024 * 1024 + 3);
            });
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
        try (FileChannel file = FileChannel.open(file(content))) {
            overTcp((server, client) -> expectTransfer(server, client, file, content, FILE_SIZE - 1000, 70_000));
            PipePair pair = PipePair.open();
            try (Transport server = pair.server(); Transport client = pair.client()) {
                expectTransfer(server, client, file, content, FILE_SIZE + 5, 100_000);
            }
        }
    }

    @Test
    void aMappedPayloadGoesOutAfterTheFramesBeforeItOverSocketsAndPipes() throws Exception {
        byte[] content = content();
        Path p = file(content);
        try (FileChannel file = FileChannel.open(p); Arena arena = Arena.ofShared()) {
            MemorySegment mapping = file.map(FileChannel.MapMode.READ_ONLY, 0, file.size(), arena);
            overTcp((server, client) -> expectMapped(server, client, file, mapping, content.length, 4096,
                    2 * 1024 * 1024 + 1));
            PipePair pair = PipePair.open();
            try (Transport server = pair.server(); Transport client = pair.client()) {
                expectMapped(server, client, file, mapping, content.length, 1, 300_000);
            }
        }
    }

    @Test
    void aFileCutShortUnderItsMappingSendsWhatItStillHasThenZeros() throws Exception {
        byte[] content = content();
        Path p = file(content);
        int cut = 1024 * 1024 + 100_000;   // mid-page, so the page holding the new end is still there
        try (FileChannel file = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE);
             Arena arena = Arena.ofShared()) {
            MemorySegment mapping = file.map(FileChannel.MapMode.READ_ONLY, 0, file.size(), arena);
            file.truncate(cut);
            overTcp((server, client) -> expectMapped(server, client, file, mapping, cut, 4096, 2 * 1024 * 1024));
        }
    }

    /** The two ends of a test: the sending (server) one and the receiving (client) one. */
    @FunctionalInterface
    private interface Ends {
        void run(Transport server, Transport client) throws Exception;
    }

    /** Runs {@code test} over a fresh loopback TCP connection. */
    private static void overTcp(Ends test) throws Exception {
        try (Listener listener = Listener.bind(new DialAddress.Tcp("127.0.0.1", 0));
             Transport client = Dialer.dial(listener.address(), Duration.ofSeconds(5));
             Transport server = listener.accept()) {
            test.run(server, client);
        }
    }

    /**
     * Writes a 3-byte frame, then {@code count} mapped bytes at {@code position}, in one call, and
     * checks what arrives: the frame, the file's first {@code fileLength} bytes, zeros, a marker.
     */
    private static void expectMapped(Transport from, Transport to, FileChannel file, MemorySegment mapping,
                                     int fileLength, long position, int count) throws Exception {
        byte[] content = new byte[fileLength];
        file.read(ByteBuffer.wrap(content), 0);
        var sent = CompletableFuture.runAsync(() -> {
            try {
                ByteBuffer[] srcs = {ByteBuffer.wrap(new byte[] {1, 2, 3}), mapping.asSlice(position, count).asByteBuffer()};
                from.writeMapped(srcs, 2, file, position);
                from.write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {42})}, 0, 1);
            } catch (Exception e) {
                closeQuietly(from);   // the reader sees the end of the stream instead of waiting
                throw new RuntimeException(e);
            }
        });
        ByteBuffer got = ByteBuffer.allocate(3 + count + 1);
        try {
            to.readFully(got);
        } finally {
            sent.get();   // the sender's failure, if any, before the reader's
        }
        byte[] expected = new byte[3 + count + 1];
        expected[0] = 1;
        expected[1] = 2;
        expected[2] = 3;
        int fromFile = (int) Math.max(0, Math.min(count, fileLength - position));
        System.arraycopy(content, (int) position, expected, 3, fromFile);
        expected[3 + count] = 42;
        assertThat(Arrays.equals(got.array(), expected))
                .as("frame, %d bytes at %d: %d from the file, %d zeros, then the marker", count, position, fromFile,
                        count - fromFile)
                .isTrue();
    }

    /** Sends {@code count} bytes at {@code position} and checks what arrives: the file's bytes, then zeros. */
    private static void expectTransfer(Transport from, Transport to, FileChannel file, byte[] content,
                                       long position, int count) throws Exception {
        var sent = CompletableFuture.runAsync(() -> {
            try {
                from.transferFrom(file, position, count);
                from.write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {42})}, 0, 1);   // a marker after it
            } catch (Exception e) {
                closeQuietly(from);   // the reader sees the end of the stream instead of waiting
                throw new RuntimeException(e);
            }
        });
        ByteBuffer got = ByteBuffer.allocate(count + 1);
        try {
            to.readFully(got);
        } finally {
            sent.get();   // the sender's failure, if any, before the reader's
        }
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

    private static void closeQuietly(Transport t) {
        try {
            t.close();
        } catch (Exception ignored) {
            // the test fails on the sender's exception
        }
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
