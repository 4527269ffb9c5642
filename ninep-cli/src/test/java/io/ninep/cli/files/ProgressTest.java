package io.ninep.cli.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final long MIB = 1 << 20;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private String drawn() {
        return buf.toString(StandardCharsets.UTF_8);
    }

    private void at(double seconds) {
        clock.set(1_000_000_000L + (long) (seconds * 1e9));
    }

    @Test
    void aDisabledBarPrintsNothing() {
        Progress p = new Progress(err, "big.iso", 100 * MIB, false, clock::get);
        p.update(10 * MIB);
        p.finish(100 * MIB);
        p.abandon();
        assertThat(drawn()).isEmpty();
    }

    @Test
    void showsPercentRateAndTimeLeftRedrawnInPlace() {
        Progress p = new Progress(err, "big.iso", 100 * MIB, true, clock::get);
        at(1);
        p.update(10 * MIB);
        assertThat(drawn()).isEqualTo("\rbig.iso   10% [##..................]  10.0 MiB / 100.0 MiB   10.0 MiB/s  ETA 0:09");
        at(1.05);
        p.update(11 * MIB);
        assertThat(drawn()).as("redrawn at most ten times a second").doesNotContain("11.0 MiB");
        at(2);
        p.update(50 * MIB);
        assertThat(drawn()).endsWith("\rbig.iso   50% [##########..........]  50.0 MiB / 100.0 MiB   25.0 MiB/s  ETA 0:02");
        at(4);
        p.finish(100 * MIB);
        String last = "big.iso  100% [####################] 100.0 MiB   25.0 MiB/s  in 4.0 s";
        String before = "big.iso   50% [##########..........]  50.0 MiB / 100.0 MiB   25.0 MiB/s  ETA 0:02";
        assertThat(drawn()).as("the shorter last line blanks out the rest of the longer one")
                .endsWith("\r" + last + " ".repeat(before.length() - last.length()) + "\n");
    }

    @Test
    void withoutATotalShowsBytesAndRate() {
        Progress p = new Progress(err, "stdin", -1, true, clock::get);
        at(2);
        p.update(3 * MIB);
        assertThat(drawn()).isEqualTo("\rstdin    3.0 MiB    1.5 MiB/s");
    }

    @Test
    void abandonEndsTheLineSoAnErrorStartsOnItsOwn() {
        Progress p = new Progress(err, "x", 10, true, clock::get);
        p.abandon();
        assertThat(drawn()).isEmpty();
        at(1);
        p.update(5);
        p.abandon();
        assertThat(drawn()).endsWith("\n");
    }
}
