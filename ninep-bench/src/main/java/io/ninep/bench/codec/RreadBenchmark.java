package io.ninep.bench.codec;

import static io.ninep.bench.codec.Fixtures.TAG;

import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Rread;
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
 * Decoding an Rread, what a client does for every read reply:
 * <pre>size[4] Rread tag[2] count[4] data[count]</pre>
 *
 * <p>The data must come out as a view of the frame, never a copy; {@code @Setup} fails the run
 * if it is not the frame's own memory. Time and allocation (the Frame, the Rread and one
 * ByteBuffer view) must be flat in {@code payloadSize}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RreadBenchmark {

    @Param({"4096", "65536", "1048576"})
    int payloadSize;

    @Param({"HEAP", "DIRECT"})
    BufferKind buffer;

    ByteBuffer frame;
    FrameDecoder decoder;

    @Setup
    public void setUp() throws ProtocolException {
        Frame expected = new Frame(TAG, new Rread(Fixtures.payload(buffer, payloadSize)));
        frame = Fixtures.encoded(expected, buffer);
        decoder = Fixtures.decoderFor(frame);
        Frame decoded = Fixtures.decodeOnce(decoder, frame);
        Fixtures.requireEqual(expected, decoded);
        Fixtures.requireView(((Rread) decoded.body()).data(), frame, Rread.HEADER_SIZE, payloadSize);
    }

    @Benchmark
    public void decode(Blackhole bh) throws ProtocolException {
        bh.consume(decoder.decode(frame.rewind()));
    }
}
