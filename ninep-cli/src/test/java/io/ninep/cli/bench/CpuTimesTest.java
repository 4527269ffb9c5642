package io.ninep.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuTimesTest {

    @Test
    void theCpuLineGivesAllTheTimeAndTheStolenPart() {
        CpuTimes t = CpuTimes.parse("cpu  4299224 0 3267775 7078106 8841 0 834813 141235 0 0");
        assertThat(t.total()).isEqualTo(4299224L + 3267775 + 7078106 + 8841 + 834813 + 141235);
        assertThat(t.steal()).isEqualTo(141235);
    }

    @Test
    void stealIsTheStolenShareOfTheTimeBetweenTwoReadings() {
        CpuTimes before = new CpuTimes(10_000, 100);
        CpuTimes after = new CpuTimes(10_400, 200);
        assertThat(after.stealSince(before)).isCloseTo(0.25, within(1e-12));
        assertThat(before.stealSince(before)).as("no time passed").isZero();
    }

    @Test
    void aLineThatIsNotTheCpuTotalGivesNothing() {
        assertThat(CpuTimes.parse("cpu0 1 2 3 4 5 6 7 8")).isEqualTo(CpuTimes.NONE);
        assertThat(CpuTimes.parse("cpu 1 2 3")).isEqualTo(CpuTimes.NONE);
    }
}
