package io.ninep.transport;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.transport.testing.DescriptorLimit;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A socket whose splicer cannot get its socket's duplicate or its pipe (the process is out of
 * descriptors) still takes a payload into the file, by reading and pwriting it. Run on this
 * platform thread, with the payload already in the socket, so that nothing but the splicer needs
 * a new descriptor while the limit holds.
 */
class SplicerFallbackTest {
    private static final int O_RDWR = 2;
    private static final int PAYLOAD = 50_000;

    @TempDir
    Path dir;

    @Test
    void aSocketOutOfDescriptorsCopiesThePayloadIntoTheFile() throws Throwable {
        byte[] warmBytes = random(PAYLOAD, 1);
        byte[] payload = random(PAYLOAD, 2);
        Files.write(dir.resolve("warm"), new byte[0]);
        Files.write(dir.resolve("f"), new byte[0]);
        int warmFd = open(dir.resolve("warm"));
        int fd = open(dir.resolve("f"));
        try (Listener listener = Listener.bind(new DialAddress.Tcp("127.0.0.1", 0));
             var accepting = Executors.newVirtualThreadPerTaskExecutor()) {
            // Every class of the path loaded first, and the time zones its warning is stamped with:
            // a file read while the limit holds would fail. (A server has logged by then.)
            Errno.describe(new ErrnoException(Errno.EMFILE.number(), "loaded").errno());
            assertThat(ZonedDateTime.now().getZone().getRules()).isNotNull();
            receive(listener, accepting, warmBytes, warmFd, false);
            assertThat(Files.readAllBytes(dir.resolve("warm"))).isEqualTo(warmBytes);

            List<String> warnings = new CopyOnWriteArrayList<>();
            Logger jul = Logger.getLogger(SocketSplicer.class.getName());
            Handler collect = new Handler() {
                @Override
                public void publish(LogRecord r) {
                    if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                        warnings.add(r.getMessage());
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            jul.addHandler(collect);
            FileReceipt receipt;
            try {
                receipt = receive(listener, accepting, payload, fd, true);
            } finally {
                jul.removeHandler(collect);
            }

            assertThat(warnings).as("the splicer gave up its descriptors, and said what to raise").singleElement()
                    .asString().contains("copied, not spliced", "Too many open files", "ulimit -n");
            assertThat(receipt.failure()).isNull();
            assertThat(receipt.written()).isEqualTo(PAYLOAD);
            assertThat(Files.readAllBytes(dir.resolve("f"))).isEqualTo(payload);
        } finally {
            close(warmFd);
            close(fd);
        }
    }

    /** Sends {@code bytes} over a new connection, then receives them into {@code fd}, with the descriptor limit held or not. */
    private static FileReceipt receive(Listener listener, java.util.concurrent.ExecutorService accepting, byte[] bytes,
                                       int fd, boolean outOfDescriptors) throws Exception {
        Future<Transport> accepted = accepting.submit(listener::accept);
        try (Transport client = Dialer.dial(listener.address(), Duration.ofSeconds(5));
             Transport server = accepted.get()) {
            assertThat(server.receivesIntoFiles()).as("the tests' JVM exports sun.nio.ch").isTrue();
            client.write(new ByteBuffer[] {ByteBuffer.wrap(bytes)}, 0, 1);
            ByteBuffer nothingReadAhead = ByteBuffer.allocateDirect(0);
            if (!outOfDescriptors) {
                return server.receiveInto(nothingReadAhead, fd, 0, bytes.length, FileWrites.HERE);
            }
            try (DescriptorLimit ignored = DescriptorLimit.exhausted()) {
                return server.receiveInto(nothingReadAhead, fd, 0, bytes.length, FileWrites.HERE);
            }
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    /** open(2) of {@code path} for reading and writing: the descriptor the splicer writes into. */
    private static int open(Path path) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(arena.allocateFrom(path.toString()), O_RDWR);
            assertThat(fd).as("open " + path).isNotNegative();
            return fd;
        }
    }

    private static void close(int fd) throws Throwable {
        int ignored = (int) CLOSE.invokeExact(fd);
    }
}
