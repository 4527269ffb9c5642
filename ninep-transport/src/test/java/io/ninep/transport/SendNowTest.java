package io.ninep.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.transport.testing.DescriptorLimit;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SocketTransport#sendNow} on real sockets: bytes go at once, an interrupted thread does
 * not close the socket (as it would inside a channel's write), a peer that reads nothing makes it
 * send less and then nothing, never wait, and a closed transport sends nothing.
 */
class SendNowTest {
    @TempDir
    Path dir;

    /** Both ends of a connection over a socket of {@code kind}. */
    private record Ends(Transport client, Transport server) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            try (server) {
                client.close();
            }
        }
    }

    private Ends connect(String kind) throws Exception {
        DialAddress where = kind.equals("tcp") ? new DialAddress.Tcp("127.0.0.1", 0) : new DialAddress.Unix(dir.resolve("s"));
        try (Listener listener = Listener.bind(where);
             var accepting = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Transport> accepted = accepting.submit(listener::accept);
            Transport client = Dialer.dial(listener.address(), Duration.ofSeconds(5));
            return new Ends(client, accepted.get());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void anInterruptedCallerSendsWithoutClosingTheSocket(String kind) throws Exception {
        try (Ends ends = connect(kind)) {
            Transport client = ends.client();
            Transport server = ends.server();
            assertThat(client.sendsNow()).as("the tests' JVM exports sun.nio.ch").isTrue();
            ByteBuffer hello = ByteBuffer.allocateDirect(5).put("hello".getBytes()).flip();
            Thread.currentThread().interrupt();
            int sent;
            try {
                sent = client.sendNow(MemorySegment.ofBuffer(hello), 5);
            } finally {
                assertThat(Thread.interrupted()).as("the interrupt is left for the caller").isTrue();
            }
            assertThat(sent).isEqualTo(5);
            assertThat(client.isOpen()).isTrue();
            ByteBuffer got = ByteBuffer.allocate(5);
            server.readFully(got);
            assertThat(new String(got.array())).isEqualTo("hello");

            ByteBuffer more = ByteBuffer.wrap(" again".getBytes());
            client.write(new ByteBuffer[] {more}, 0, 1);   // the channel still works
            ByteBuffer rest = ByteBuffer.allocate(6);
            server.readFully(rest);
            assertThat(new String(rest.array())).isEqualTo(" again");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void aPeerThatReadsNothingGetsLessThenNothingAndNobodyWaits(String kind) throws Exception {
        try (Ends ends = connect(kind)) {
            Transport client = ends.client();
            Transport server = ends.server();
            MemorySegment chunk = MemorySegment.ofBuffer(ByteBuffer.allocateDirect(64 * 1024));
            long total = 0;
            int sent;
            // The socket's buffers fill up: a few MiB at most, never unbounded.
            for (int i = 0; i < 10_000 && (sent = client.sendNow(chunk, 64 * 1024)) > 0; i++) {
                total += sent;
            }
            assertThat(client.sendNow(chunk, 64 * 1024)).as("a full socket takes nothing").isZero();
            assertThat(total).isPositive().isLessThan(10_000L * 64 * 1024);

            ByteBuffer drain = ByteBuffer.allocate(64 * 1024);
            long read = 0;
            while (read < total) {
                drain.clear();
                read += server.read(drain);
            }
            assertThat(read).as("every byte sent arrives, no more").isEqualTo(total);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void aHeadAndAPayloadGoTogetherInOrderAndAsFarAsTheSocketTakesThem(String kind) throws Exception {
        try (Ends ends = connect(kind)) {
            Transport client = ends.client();
            Transport server = ends.server();
            ByteBuffer head = ByteBuffer.allocateDirect(16).put("head-of-a-frame:".getBytes()).flip();
            ByteBuffer payload = ByteBuffer.allocateDirect(256 * 1024);
            for (int i = 0; i < payload.capacity(); i++) {
                payload.put(i, (byte) (i % 251));
            }
            MemorySegment headBytes = MemorySegment.ofBuffer(head);
            MemorySegment payloadBytes = MemorySegment.ofBuffer(payload);
            assertThat(client.sendNow(headBytes, 16, payloadBytes, 1000)).as("a small frame goes whole").isEqualTo(1016);
            ByteBuffer got = ByteBuffer.allocate(1016);
            server.readFully(got);
            assertThat(new String(got.array(), 0, 16)).isEqualTo("head-of-a-frame:");
            for (int i = 0; i < 1000; i++) {
                assertThat(got.get(16 + i)).isEqualTo((byte) (i % 251));
            }

            long total = 0;
            int sent;
            for (int i = 0; i < 1000 && (sent = client.sendNow(headBytes, 16, payloadBytes, payload.capacity())) > 0; i++) {
                total += sent;
                if (sent < 16 + payload.capacity()) {
                    break;   // the socket took part of it: what a writer would finish
                }
            }
            assertThat(client.sendNow(headBytes, 16, payloadBytes, payload.capacity()) + total)
                    .as("a socket full of frames takes nothing more, and never waits").isEqualTo(total);
            assertThat(total).isPositive().isLessThan(1000L * (16 + payload.capacity()));
            ByteBuffer drain = ByteBuffer.allocate((int) total);
            server.readFully(drain);
            int frame = 16 + payload.capacity();
            for (int at = 0; at < total; at += 4099) {
                int inFrame = at % frame;
                byte expected = inFrame < 16 ? (byte) "head-of-a-frame:".charAt(inFrame) : (byte) ((inFrame - 16) % 251);
                assertThat(drain.get(at)).as("byte %d", at).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void aClosedTransportSendsNothing(String kind) throws Exception {
        try (Ends ends = connect(kind)) {
            Transport client = ends.client();
            Transport server = ends.server();
            MemorySegment one = MemorySegment.ofBuffer(ByteBuffer.allocateDirect(1));
            assertThat(client.sendNow(one, 1)).isEqualTo(1);
            client.close();
            assertThat(client.sendNow(one, 1)).isZero();
            ByteBuffer got = ByteBuffer.allocate(2);
            assertThat(server.read(got)).isEqualTo(1);
            assertThat(server.read(got)).as("the peer sees the end once the transport is closed").isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void aProcessOutOfDescriptorsSendsNothingNowAndTheChannelStillWorks(String kind) throws Exception {
        try (Ends warm = connect(kind)) {
            MemorySegment one = MemorySegment.ofBuffer(ByteBuffer.allocateDirect(1));
            assertThat(warm.client().sendNow(one, 1)).as("every class of the path loaded").isEqualTo(1);
        }
        try (Ends ends = connect(kind)) {
            Transport client = ends.client();
            MemorySegment one = MemorySegment.ofBuffer(ByteBuffer.allocateDirect(1).put((byte) 'x').flip());
            int sent;
            try (DescriptorLimit ignored = DescriptorLimit.exhausted()) {
                sent = client.sendNow(one, 1);   // its first send: the duplicate cannot be made
            }
            assertThat(sent).isZero();
            assertThat(client.sendNow(one, 1)).as("it does not try again").isZero();
            assertThat(client.isOpen()).isTrue();

            client.write(new ByteBuffer[] {ByteBuffer.wrap("y".getBytes())}, 0, 1);
            ByteBuffer got = ByteBuffer.allocate(1);
            ends.server().readFully(got);
            assertThat(new String(got.array())).as("nothing went by sendNow, the write did").isEqualTo("y");
        }
    }
}
