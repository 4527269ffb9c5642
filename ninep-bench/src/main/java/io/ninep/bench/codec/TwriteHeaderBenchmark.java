package io.ninep.bench.codec;

import static io.ninep.bench.codec.Fixtures.DIALECT;
import static io.ninep.bench.codec.Fixtures.TAG;

import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.codec.FrameEncoder;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Twrite;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The Twrite header: the 23 bytes before the data,
 * <pre>size[4] Twrite tag[2] fid[4] offset[8] count[4]</pre>
 *
 * <p>{@link #encodeHeader} is what a client does for a gathering write: it writes the header into
 * a small buffer and returns the caller's payload, to be sent after it from where it lies. It
 * must not touch the payload, so its time is flat in {@code payloadSize}, and it must allocate
 * nothing (0 B/op). {@link #decodeHeader} reads the same 23 bytes back (a Twrite with count 0);
 * {@link TwriteBenchmark#decode} shows that a payload behind them changes nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TwriteHeaderBenchmark {

    @State(Scope.Thread)
    public static class EncodeState {
        @Param({"4096", "65536", "1048576"})
        int payloadSize;

        @Param({"HEAP", "DIRECT"})
        BufferKind buffer;

        Frame frame;
        ByteBuffer header;

        @Setup
        public void setUp() {
            frame = new Frame(TAG, new Twrite(3, 1L << 32, Fixtures.payload(buffer, payloadSize)));
            header = buffer.allocate(Twrite.HEADER_SIZE);
        }
    }

    @State(Scope.Thread)
    public static class DecodeState {
        @Param({"HEAP", "DIRECT"})
        BufferKind buffer;

        ByteBuffer frame;
        FrameDecoder decoder;

        @Setup
        public void setUp() throws ProtocolException {
            Frame expected = new Frame(TAG, new Twrite(3, 1L << 32, ByteBuffer.allocate(0)));
            frame = Fixtures.encoded(expected, buffer);
            if (frame.remaining() != Twrite.HEADER_SIZE) {
                throw new IllegalStateException("header is " + frame.remaining() + " bytes");
            }
            decoder = Fixtures.decoderFor(frame);
            Frame decoded = Fixtures.decodeOnce(decoder, frame);
            Fixtures.requireEqual(expected, decoded);
            Fixtures.requireView(((Twrite) decoded.body()).data(), frame, Twrite.HEADER_SIZE, 0);
        }
    }

    @Benchmark
    public void encodeHeader(EncodeState s, Blackhole bh) {
        ByteBuffer payload = FrameEncoder.encodeHeader(s.frame, DIALECT, s.header.clear());
        bh.consume(payload);
        bh.consume(s.header);
    }

    @Benchmark
    public void decodeHeader(DecodeState s, Blackhole bh) throws ProtocolException {
        bh.consume(s.decoder.decode(s.frame.rewind()));
    }
}
