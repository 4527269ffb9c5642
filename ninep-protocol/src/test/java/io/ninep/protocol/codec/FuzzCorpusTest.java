package io.ninep.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.Strictness;
import io.ninep.protocol.testing.DecodeOracle;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the seed corpus FrameDecoderFuzzTest replays: Jazzer finds it by the test's class and
 * method name, so a rename would silently leave it replaying nothing.
 */
class FuzzCorpusTest {
    private static final String CORPUS = "FrameDecoderFuzzTestInputs/decodeAnyBytes";

    @Test
    void theCorpusSitsWhereJazzerLooksForIt() throws Exception {
        assertThat(FrameDecoderFuzzTest.class.getDeclaredMethod("decodeAnyBytes", byte[].class)).isNotNull();
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(20);
    }

    /** At least a dozen seeds are valid frames, so the fuzzer starts from inputs that reach every field. */
    @Test
    void validSeedsDecodeStrictlyInSomeDialect() throws Exception {
        List<Path> valid = corpus().stream().filter(p -> p.getFileName().toString().startsWith("valid-")).toList();
        assertThat(valid).hasSizeGreaterThanOrEqualTo(12);
        for (Path p : valid) {
            byte[] frame = Files.readAllBytes(p);
            boolean decodes = Arrays.stream(Dialect.values())
                    .anyMatch(d -> DecodeOracle.check(frame, d, Strictness.STRICT, 65536) != null);
            assertThat(decodes).as(p.getFileName().toString()).isTrue();
        }
    }

    @Test
    void malformedSeedsAreRefusedEverywhere() throws Exception {
        for (Path p : corpus()) {
            if (p.getFileName().toString().startsWith("malformed-")) {
                byte[] bytes = Files.readAllBytes(p);
                for (Dialect d : Dialect.values()) {
                    for (Strictness s : Strictness.values()) {
                        assertThat(DecodeOracle.check(bytes, d, s, 65536)).as("%s %s %s", p.getFileName(), d, s).isNull();
                    }
                }
            }
        }
    }

    private static List<Path> corpus() throws IOException, URISyntaxException {
        URL dir = FrameDecoderFuzzTest.class.getResource(CORPUS);
        assertThat(dir).as("resource directory " + CORPUS + " next to FrameDecoderFuzzTest").isNotNull();
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.sorted().toList();
        }
    }
}
