package io.ninep.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.message.Topen;
import org.junit.jupiter.api.Test;

/** Linux open flags to 9P2000 Topen modes and back. */
class OpenFlagsTest {

    @Test
    void theAccessModeAndTruncationHaveTopenForms() {
        assertThat(OpenFlags.toTopenMode(LinuxOpenFlags.O_RDONLY)).isEqualTo(Topen.OREAD);
        assertThat(OpenFlags.toTopenMode(LinuxOpenFlags.O_WRONLY | LinuxOpenFlags.O_CREAT)).isEqualTo(Topen.OWRITE);
        assertThat(OpenFlags.toTopenMode(LinuxOpenFlags.O_RDWR | LinuxOpenFlags.O_TRUNC))
                .isEqualTo(Topen.ORDWR | Topen.OTRUNC);
        assertThat(OpenFlags.toTopenMode(LinuxOpenFlags.O_RDONLY | LinuxOpenFlags.O_APPEND | LinuxOpenFlags.O_DIRECTORY))
                .as("no 9P2000 form").isEqualTo(Topen.OREAD);
    }

    @Test
    void aTopenModeOpensForTheLinuxAccessModeItNames() {
        assertThat(OpenFlags.accessOf(Topen.OREAD)).isEqualTo(LinuxOpenFlags.O_RDONLY);
        assertThat(OpenFlags.accessOf(Topen.OWRITE | Topen.OTRUNC)).isEqualTo(LinuxOpenFlags.O_WRONLY);
        assertThat(OpenFlags.accessOf(Topen.ORDWR)).isEqualTo(LinuxOpenFlags.O_RDWR);
        assertThat(OpenFlags.accessOf(Topen.OEXEC)).isEqualTo(LinuxOpenFlags.O_RDONLY);
    }
}
