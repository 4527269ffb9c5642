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
 * A whole Twrite, data included:
 * <pre>size[4] Twrite tag[2] fid[4] offset[8] count[4] data[count]</pre>
 *
 * <p>{@link #encode} writes the frame into one buffer, so it copies the payload by definition:
 * its time grows with {@code payloadSize} (a memory copy), its allocation must stay 0 B/op.
 * {@link #decode} must not copy: the data comes out as a view of the frame, so its time and its
 * allocation (the Frame, the Twrite and one ByteBuffer view) are flat in {@code payloadSize}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TwriteBenchmark {

    @Param({"4096", "65536", "1048576"})
    int payloadSize;

    @Param({"HEAP", "DIRECT"})
    BufferKind buffer;

    Frame message;
    ByteBuffer out;
    ByteBuffer frame;
    FrameDecoder decoder;

    @Setup
    public void setUp() throws ProtocolException {
        message = new Frame(TAG, new Twrite(3, 1L << 32, Fixtures.payload(buffer, payloadSize)));
        out = buffer.allocate(message.body().encodedSize(DIALECT));
        frame = Fixtures.encoded(message, buffer);
        decoder = Fixtures.decoderFor(frame);
        Frame decoded = Fixtures.decodeOnce(decoder, frame);
        Fixtures.requireEqual(message, decoded);
        Fixtures.requireView(((Twrite) decoded.body()).data(), frame, Twrite.HEADER_SIZE, payloadSize);
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
