package io.ninep.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The open(2) flags 9P2000.L carries: the kernel's P9_DOTL_* values (include/net/9p/9p.h). */
class LinuxOpenFlagsTest {

    @Test
    void theValuesAreTheKernelsDotLValues() {
        assertThat(LinuxOpenFlags.O_WRONLY).isEqualTo(01);
        assertThat(LinuxOpenFlags.O_RDWR).isEqualTo(02);
        assertThat(LinuxOpenFlags.O_CREAT).isEqualTo(0100);
        assertThat(LinuxOpenFlags.O_EXCL).isEqualTo(0200);
        assertThat(LinuxOpenFlags.O_TRUNC).isEqualTo(01000);
        assertThat(LinuxOpenFlags.O_APPEND).isEqualTo(02000);
        assertThat(LinuxOpenFlags.O_DIRECT).isEqualTo(040000);
        assertThat(LinuxOpenFlags.O_LARGEFILE).isEqualTo(0100000);
        assertThat(LinuxOpenFlags.O_DIRECTORY).isEqualTo(0200000);
        assertThat(LinuxOpenFlags.O_NOFOLLOW).isEqualTo(0400000);
        assertThat(LinuxOpenFlags.O_SYNC).isEqualTo(LinuxOpenFlags.O_DSYNC | 04000000);
    }

    @Test
    void readsAndWritesFollowTheAccessModeOnly() {
        int other = LinuxOpenFlags.O_CREAT | LinuxOpenFlags.O_TRUNC | LinuxOpenFlags.O_APPEND;
        assertThat(LinuxOpenFlags.reads(LinuxOpenFlags.O_RDONLY | other)).isTrue();
        assertThat(LinuxOpenFlags.writes(LinuxOpenFlags.O_RDONLY | other)).isFalse();
        assertThat(LinuxOpenFlags.reads(LinuxOpenFlags.O_WRONLY | other)).isFalse();
        assertThat(LinuxOpenFlags.writes(LinuxOpenFlags.O_WRONLY | other)).isTrue();
        assertThat(LinuxOpenFlags.reads(LinuxOpenFlags.O_RDWR)).isTrue();
        assertThat(LinuxOpenFlags.writes(LinuxOpenFlags.O_RDWR)).isTrue();
        assertThat(LinuxOpenFlags.reads(LinuxOpenFlags.O_ACCMODE)).isFalse();
        assertThat(LinuxOpenFlags.writes(LinuxOpenFlags.O_ACCMODE)).isFalse();
    }
}
