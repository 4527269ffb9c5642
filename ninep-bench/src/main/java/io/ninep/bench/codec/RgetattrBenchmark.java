package io.ninep.bench.codec;

import static io.ninep.bench.codec.Fixtures.DIALECT;
import static io.ninep.bench.codec.Fixtures.TAG;

import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.codec.FrameEncoder;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.Rgetattr;
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
 * Rgetattr, the reply to every stat(2) on a 9P2000.L mount: 160 bytes of fixed fields,
 * <pre>size[4] Rgetattr tag[2] valid[8] qid[13] mode[4] uid[4] gid[4] nlink[8] rdev[8] size[8]
 * blksize[8] blocks[8] atime_sec[8] atime_nsec[8] mtime_sec[8] mtime_nsec[8] ctime_sec[8]
 * ctime_nsec[8] btime_sec[8] btime_nsec[8] gen[8] data_version[8]</pre>
 *
 * <p>Encoding must allocate nothing; decoding only the Frame, the Rgetattr, its Attr and its Qid.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RgetattrBenchmark {

    @Param({"HEAP", "DIRECT"})
    BufferKind buffer;

    Frame message;
    ByteBuffer out;
    ByteBuffer frame;
    FrameDecoder decoder;

    @Setup
    public void setUp() throws ProtocolException {
        long now = 1_767_225_600L;   // 2026-01-01T00:00:00Z
        Attr attr = new Attr(Attr.BASIC, new Qid(Qid.FILE, 7, 0x1234_5678L), 0100644, 1000, 1000,
                1, 0, 123_456, 4096, 248, now, 111, now, 222, now, 333, 0, 0, 0, 0);
        message = new Frame(TAG, new Rgetattr(attr));
        out = buffer.allocate(Rgetattr.SIZE);
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
