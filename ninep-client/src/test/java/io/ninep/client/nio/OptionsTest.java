package io.ninep.client.nio;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.DELETE_ON_CLOSE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.protocol.LinuxOpenFlags;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Open and copy options, checked as the JDK's Unix provider checks them. */
class OptionsTest {

    @Test
    void readIsTheDefaultAndAppendImpliesWrite() {
        Options.Open none = Options.Open.of(Set.of());
        assertThat(none.read()).isTrue();
        assertThat(none.write()).isFalse();
        assertThat(none.linuxFlags()).isEqualTo(LinuxOpenFlags.O_RDONLY);
        Options.Open append = Options.Open.of(Set.of(APPEND));
        assertThat(append.write()).isTrue();
        assertThat(append.linuxFlags()).isEqualTo(LinuxOpenFlags.O_WRONLY | LinuxOpenFlags.O_APPEND);
        assertThat(Options.Open.of(Set.of(READ, WRITE)).linuxFlags()).isEqualTo(LinuxOpenFlags.O_RDWR);
    }

    @Test
    void creatingAndTruncatingOnlyCountWhenWriting() {
        Options.Open ro = Options.Open.of(Set.of(READ, CREATE, CREATE_NEW, TRUNCATE_EXISTING));
        assertThat(ro.create() || ro.createNew() || ro.truncate()).isFalse();
        Options.Open w = Options.Open.of(Set.of(WRITE, CREATE, TRUNCATE_EXISTING));
        assertThat(w.create()).isTrue();
        assertThat(w.linuxFlags()).isEqualTo(LinuxOpenFlags.O_WRONLY | LinuxOpenFlags.O_TRUNC);
    }

    @Test
    void impossibleCombinationsAreRefused() {
        assertThatThrownBy(() -> Options.Open.of(Set.of(READ, APPEND))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Options.Open.of(Set.of(APPEND, TRUNCATE_EXISTING)))
                .isInstanceOf(IllegalArgumentException.class);
        OpenOption custom = new OpenOption() { };
        assertThatThrownBy(() -> Options.Open.of(Set.of(custom))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void createNewAndDeleteOnCloseNeverFollowTheLastLink() {
        assertThat(Options.Open.of(Set.of(WRITE, CREATE_NEW)).followLast()).isFalse();
        assertThat(Options.Open.of(Set.of(DELETE_ON_CLOSE)).followLast()).isFalse();
        assertThat(Options.Open.of(Set.of(LinkOption.NOFOLLOW_LINKS)).followLast()).isFalse();
        assertThat(Options.Open.of(Set.of(WRITE, CREATE)).followLast()).isTrue();
    }

    @Test
    void copyAndMoveOptions() {
        Options.Copy c = Options.Copy.of(false, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        assertThat(c.replace()).isTrue();
        assertThat(c.followLinks()).isFalse();
        assertThat(c.copyAttributes()).isFalse();
        assertThatThrownBy(() -> Options.Copy.of(false, StandardCopyOption.ATOMIC_MOVE))
                .isInstanceOf(UnsupportedOperationException.class);
        Options.Copy m = Options.Copy.of(true, StandardCopyOption.ATOMIC_MOVE);
        assertThat(m.atomic()).isTrue();
        assertThat(m.followLinks()).isFalse();
        assertThat(m.copyAttributes()).isTrue();
    }
}
