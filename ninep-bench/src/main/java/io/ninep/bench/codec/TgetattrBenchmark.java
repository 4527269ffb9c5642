package io.ninep.bench.codec;

import static io.ninep.bench.codec.Fixtures.DIALECT;
import static io.ninep.bench.codec.Fixtures.TAG;

import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.codec.FrameEncoder;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Tgetattr;
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
 * Tgetattr, the most frequent small request of a 9P2000.L client (every stat(2)):
 * <pre>size[4] Tgetattr tag[2] fid[4] request_mask[8]</pre>
 *
 * <p>Encoding must allocate nothing; decoding only the Frame and the Tgetattr.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TgetattrBenchmark {

    @Param({"HEAP", "DIRECT"})
    BufferKind buffer;

    Frame message;
    ByteBuffer out;
    ByteBuffer frame;
    FrameDecoder decoder;

    @Setup
    public void setUp() throws ProtocolException {
        message = new Frame(TAG, new Tgetattr(3, Attr.BASIC));
        out = buffer.allocate(Tgetattr.SIZE);
        frame = Fixtures.encoded(message, buffer);
        decoder = Fixtures.decoderFor(frame);
        Fixtures.requireEqual(message, Fixtures.decodeOnce(decoder, frame));
    }

    @Benchmark
    public void encode(Blackhole bh) {
        FrameEncoder.encode(message, DIALECT, out.clear());
        bh.consume(out);
    }

    @Benchmark
    public void decode(Blackhole bh) throws ProtocolException {
        bh.consume(decoder.decode(frame.rewind()));
    }
}
