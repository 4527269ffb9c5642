package io.ninep.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The errno table that turns Rerror strings and Rlerror numbers into each other. */
class ErrnoTest {

    @Test
    void numbersAreLinuxs() {
        assertThat(Errno.of(2)).isEqualTo(Errno.ENOENT);
        assertThat(Errno.EOPNOTSUPP.number()).isEqualTo(95);
        assertThat(Errno.ENOTSUPP.number()).isEqualTo(524);
        assertThat(Errno.ENOATTR).isSameAs(Errno.ENODATA);
        assertThat(Arrays.stream(Errno.values()).map(Errno::number).distinct()).hasSize(Errno.values().length);
    }

    @Test
    void plan9AndStrerrorTextsMapBack() {
        assertThat(Errno.fromText("file does not exist")).isEqualTo(Errno.ENOENT);
        assertThat(Errno.fromText("  No such file or directory ")).isEqualTo(Errno.ENOENT);
        assertThat(Errno.fromText("PERMISSION DENIED")).isEqualTo(Errno.EACCES);
        assertThat(Errno.fromText("walk in non-directory")).isEqualTo(Errno.ENOTDIR);
        assertThat(Errno.fromText("the moon is made of cheese")).isNull();
        for (Errno e : Errno.values()) {
            assertThat(Errno.fromText(e.text())).as(e.name()).isEqualTo(e);
        }
    }

    @Test
    void unknownNumbersAreDescribedNotRefused() {
        assertThat(Errno.name(2)).isEqualTo("ENOENT");
        assertThat(Errno.name(4711)).isEqualTo("errno 4711");
        assertThat(Errno.name(-1)).isEqualTo("errno 4294967295");
        assertThat(Errno.describe(4711)).isEqualTo("Unknown error 4711");
        assertThat(Errno.describe(13)).isEqualTo("Permission denied");
    }
}
