package io.ninep.cli.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.cli.probe.FakeServer.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every check's PASS path against a well-behaved fake server, and its FAIL path against a fake
 * that breaks the rule the check is about, with the reason the summary must give.
 */
@Timeout(120)
class ProbeVerdictTest {
    /** Long enough for any answer from a fake in the same process. */
    private static final Duration ANSWER = Duration.ofSeconds(10);
    /** For the faults that answer nothing: the check must wait this long to see it. */
    private static final Duration SILENCE = Duration.ofMillis(700);

    private static ProbeOptions options(FakeServer f) {
        return ProbeOptions.defaults(f.address()).withTimeout(ANSWER).withFlushRounds(5);
    }

    @Test
    void wellBehavedServerPassesEveryCheck() throws Exception {
        try (FakeServer f = new FakeServer()) {
            Report r = Probe.run(options(f).withHostile(true));
            assertThat(r.results()).as(() -> ReportFormat.text(r, ReportFormat.Evidence.PROBLEMS))
                    .extracting(CheckResult::id).containsExactlyElementsOf(Checks.all().stream().map(Check::id).toList());
            assertThat(r.results()).allSatisfy(c -> assertThat(c.verdict()).as(c.id() + ": " + c.summary())
                    .isEqualTo(Verdict.PASS));
            assertThat(r.result("flush.race-write").summary()).isEqualTo("5 rounds: 5 write reply then Rflush, 0 Rflush alone");
            assertThat(r.result("msize.4294967295").summary()).isEqualTo("clamps to 1048576; a Twrite frame of 1048576 bytes was taken (count 1048553) and an Rread frame of 1048576 bytes came back");
            assertThat(r.failed()).isFalse();
        }
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(Fault.ECHO_MSIZE, "msize.4294967295", "echoes 4294967295"),
                Arguments.of(Fault.MSIZE_ABOVE_ASKED, "msize.4096", "answers 65536, above the 4096 asked"),
                Arguments.of(Fault.ACCEPT_TINY_MSIZE, "msize.below-4096", "accepts msize 100"),
                Arguments.of(Fault.OFF_BY_ONE_WRITE, "msize.8192",
                        "yet a Twrite frame of exactly 8192 bytes was refused (Rlerror tag 5 ecode 5 EIO), while one of 8191 was taken"),
                Arguments.of(Fault.RERROR_FOR_UNKNOWN_VERSION, "version.unknown", "'9P1999' answered Rlerror"),
                Arguments.of(Fault.RERROR_FOR_UNKNOWN_VERSION, "version.dialects", "9P2000 answered Rlerror"),
                Arguments.of(Fault.FLUSH_ERROR, "flush.unknown-tag", "a Tflush can never be responded to by an Rerror"),
                Arguments.of(Fault.RFLUSH_BEFORE_REPLY, "flush.race-write", "round 1: the Rflush came before the write's reply"),
                Arguments.of(Fault.WALK_NO_LIMIT, "walk.17", "walked all 17 names"),
                Arguments.of(Fault.PARTIAL_WALK_MAKES_FID, "walk.partial", "but newfid was made"),
                Arguments.of(Fault.PARTIAL_WALK_ERROR, "walk.partial", "walk/missing/d was answered by Rlerror"),
                Arguments.of(Fault.READDIR_REPEATS, "readdir.split", "entries came twice"),
                Arguments.of(Fault.READDIR_IGNORES_COUNT, "readdir.split", "bytes for a count of 256"),
                Arguments.of(Fault.READS_PAST_FRAME, "hostile.truncated-frame", "it read beyond the frame"),
                Arguments.of(Fault.DIE_ON_R_MESSAGE, "hostile.r-message", "the server died: it closes the connection on an Rclunk sent as a request, then no longer accepts connections"));
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @MethodSource("faults")
    void faultFailsItsCheck(Fault fault, String check, String reason) throws Exception {
        try (FakeServer f = new FakeServer(fault)) {
            Report r = Probe.run(options(f).withOnly(Set.of(check)).withVerifyLimit(4 << 20));
            CheckResult c = r.result(check);
            assertThat(c.verdict()).as(c.summary()).isEqualTo(Verdict.FAIL);
            assertThat(c.summary()).contains(reason);
            assertThat(c.evidence()).isNotEmpty();
            assertThat(r.failed()).isTrue();
        }
    }

    static Stream<Arguments> silentFaults() {
        return Stream.of(
                Arguments.of(Fault.HANG_ON_DUPLICATE_TAG, "tag.duplicate", "hangs"),
                Arguments.of(Fault.STALL_ON_OVERSIZE, "hostile.oversize-frame", "was answered by nothing within 700 ms"),
                Arguments.of(Fault.SILENT_ON_UNKNOWN_TYPE, "hostile.unknown-type", "was answered by nothing within 700 ms"));
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @MethodSource("silentFaults")
    void silenceFailsItsCheck(Fault fault, String check, String reason) throws Exception {
        try (FakeServer f = new FakeServer(fault)) {
            Report r = Probe.run(options(f).withOnly(Set.of(check)).withTimeout(SILENCE));
            CheckResult c = r.result(check);
            assertThat(c.verdict()).as(c.summary()).isEqualTo(Verdict.FAIL);
            assertThat(c.summary()).contains(reason);
        }
    }

    @Test
    void echoedSizeAboveTheVerifyLimitIsANote() throws Exception {
        try (FakeServer f = new FakeServer(Fault.ECHO_MSIZE)) {
            Report r = Probe.run(options(f).withOnly(Set.of("msize.134217728")).withVerifyLimit(4 << 20));
            CheckResult c = r.result("msize.134217728");
            assertThat(c.verdict()).isEqualTo(Verdict.NOTE);
            assertThat(c.summary()).isEqualTo("takes 134217728 as asked; not verified: a frame of that size is above "
                    + "--verify-limit 4194304");
        }
    }

    @Test
    void rflushAloneIsTheOtherLegalOutcome() throws Exception {
        try (FakeServer f = new FakeServer(Fault.RFLUSH_ONLY)) {
            Report r = Probe.run(options(f).withOnly(Set.of("flush.race-write")));
            CheckResult c = r.result("flush.race-write");
            assertThat(c.verdict()).isEqualTo(Verdict.PASS);
            assertThat(c.summary()).isEqualTo("5 rounds: 0 write reply then Rflush, 5 Rflush alone");
            // Round 1 is kept as the example; later good rounds are not repeated in the evidence.
            assertThat(c.evidence()).contains("(round 1 of 5)").doesNotContain("(round 2 of 5)");
        }
    }

    @Test
    void checksAfterTheServerDiedAreSkipped() throws Exception {
        try (FakeServer f = new FakeServer(Fault.DIE_ON_R_MESSAGE)) {
            List<Check> hostile = HostileChecks.all();
            Check rMessage = hostile.get(3);
            Check unknownType = hostile.get(2);
            Report r = Probe.run(options(f).withHostile(true), List.of(rMessage, unknownType));
            assertThat(r.result("hostile.r-message").verdict()).isEqualTo(Verdict.FAIL);
            CheckResult after = r.result("hostile.unknown-type");
            assertThat(after.verdict()).isEqualTo(Verdict.SKIP);
            assertThat(after.summary()).isEqualTo("not run: the server stopped accepting connections in hostile.r-message");
        }
    }

    @Test
    void hostileChecksAreListedAsSkippedUnlessAskedFor() throws Exception {
        try (FakeServer f = new FakeServer()) {
            Report r = Probe.run(options(f).withSkip(Set.of("msize", "version", "flush", "tag", "walk", "readdir")));
            assertThat(r.results()).extracting(CheckResult::id).containsExactly("hostile.oversize-frame",
                    "hostile.truncated-frame", "hostile.unknown-type", "hostile.r-message");
            assertThat(r.results()).allSatisfy(c -> assertThat(c.verdict()).isEqualTo(Verdict.SKIP));
            assertThat(r.failed()).isFalse();
        }
    }

    @Test
    void selectionByIdAndPrefix() {
        ProbeOptions o = ProbeOptions.defaults(new io.ninep.transport.DialAddress.Tcp("h", 1));
        assertThat(o.selects("walk.17", false)).isTrue();
        assertThat(o.selects("hostile.r-message", true)).isFalse();
        assertThat(o.withHostile(true).selects("hostile.r-message", true)).isTrue();
        assertThat(o.withOnly(Set.of("walk")).selects("walk.17", false)).isTrue();
        assertThat(o.withOnly(Set.of("walk")).selects("walker", false)).isFalse();
        assertThat(o.withOnly(Set.of("walk")).selects("msize.4096", false)).isFalse();
        assertThat(o.withOnly(Set.of("hostile.r-message")).selects("hostile.r-message", true)).isTrue();
        assertThat(o.withSkip(Set.of("walk.17")).selects("walk.17", false)).isFalse();
    }
}
