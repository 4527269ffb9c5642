package io.ninep.client.nio;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.P9;
import org.junit.jupiter.api.Test;

/** What checkAccess can tell from the mode bits: deny only what they certainly deny. */
class AccessTest {
    private static final int R = 4;
    private static final int W = 2;
    private static final int X = 1;
    private static final int FILE = LinuxFileMode.S_IFREG;
    private static final int DIR = LinuxFileMode.S_IFDIR;

    @Test
    void theOwnerGetsTheOwnerBitsOnly() {
        assertThat(Access.allows(FILE | 0077, 1000, 100, true, 1000, 100, R)).isFalse();
        assertThat(Access.allows(FILE | 0400, 1000, 100, true, 1000, 100, R)).isTrue();
        assertThat(Access.allows(FILE | 0400, 1000, 100, true, 1000, 100, W)).isFalse();
    }

    @Test
    void aMemberOfThePrimaryGroupGetsTheGroupBits() {
        assertThat(Access.allows(FILE | 0704, 0, 100, true, 1000, 100, R)).isFalse();
        assertThat(Access.allows(FILE | 0040, 0, 100, true, 1000, 100, R)).isTrue();
    }

    @Test
    void othersMayBeInTheGroupForAllWeKnow() {
        assertThat(Access.allows(FILE | 0040, 0, 50, true, 1000, 100, R)).isTrue();
        assertThat(Access.allows(FILE | 0004, 0, 50, true, 1000, 100, R)).isTrue();
        assertThat(Access.allows(FILE | 0700, 0, 50, true, 1000, 100, R)).isFalse();
    }

    @Test
    void rootReadsAndWritesAllAndExecutesWhatAnyoneMay() {
        assertThat(Access.allows(FILE, 5, 5, true, 0, 0, R)).isTrue();
        assertThat(Access.allows(FILE, 5, 5, true, 0, 0, W)).isTrue();
        assertThat(Access.allows(FILE | 0666, 5, 5, true, 0, 0, X)).isFalse();
        assertThat(Access.allows(FILE | 0001, 5, 5, true, 0, 0, X)).isTrue();
        assertThat(Access.allows(DIR, 5, 5, true, 0, 0, X)).isTrue();
    }

    @Test
    void withoutKnownIdsAnyClassGrants() {
        assertThat(Access.allows(FILE | 0004, 1000, 100, true, P9.NONUNAME, P9.NONUNAME, R)).isTrue();
        assertThat(Access.allows(FILE | 0400, 1000, 100, false, 2000, 100, R)).isTrue();
        assertThat(Access.allows(FILE | 0444, 1000, 100, false, 2000, 100, W)).isFalse();
    }
}
