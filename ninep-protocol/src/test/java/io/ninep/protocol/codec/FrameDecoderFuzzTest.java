package io.ninep.protocol.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ninep.protocol.testing.DecodeOracle;

/**
 * Jazzer on the frame decoder: every dialect, strict and lenient; the only exception allowed is
 * ProtocolException, and what decodes must be sound ({@link DecodeOracle}).
 *
 * <p>In a plain {@code mvn test} Jazzer runs in regression mode: it replays every input in
 * {@code src/test/resources/io/ninep/protocol/codec/FrameDecoderFuzzTestInputs/decodeAnyBytes/}
 * (valid frames from golden/messages.txt, malformed and quirky ones, and past findings, named
 * {@code regression-*}), each as its own test case. To fuzz for real:
 * <pre>JAZZER_FUZZ=1 mvn -pl ninep-protocol test -Dtest=FrameDecoderFuzzTest</pre>
 * A finding is saved into that directory as {@code crash-<sha1>}; rename it to
 * {@code regression-<what>}, add a named test for it, and commit both.
 */
class FrameDecoderFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void decodeAnyBytes(byte[] input) {
        DecodeOracle.checkEveryDecoder(input, 65536);
        // msize is a u32: the largest one must not let a size past what Java can buffer through.
        DecodeOracle.checkEveryDecoder(input, -1);
    }
}
