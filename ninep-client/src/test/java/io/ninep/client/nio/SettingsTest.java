package io.ninep.client.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.client.ClientConfig;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.transport.DialAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** URIs and the environment map: what identifies a file system and how it connects. */
class SettingsTest {

    private static Settings settings(String uri, Map<String, ?> env) {
        return Settings.of(NinepUri.parse(URI.create(uri)), env);
    }

    @Test
    void uriGivesAddressUserTreeAndPath() {
        NinepUri u = NinepUri.parse(URI.create("ninep://glenda@[::1]:564/usr/glenda?aname=%2Fsrv%2Fx&n_uname=1000"));
        assertThat(u.address()).isEqualTo(new DialAddress.Tcp("::1", 564));
        assertThat(u.uname()).isEqualTo("glenda");
        assertThat(u.aname()).isEqualTo("/srv/x");
        assertThat(u.nUname()).isEqualTo(1000);
        assertThat(u.path()).isEqualTo("/usr/glenda");
    }

    @Test
    void portDefaultsToNinepsAndHostIsCaseInsensitive() {
        NinepUri u = NinepUri.parse(URI.create("ninep://FileServer/"));
        assertThat(u.address()).isEqualTo(new DialAddress.Tcp("fileserver", DialAddress.DEFAULT_PORT));
        assertThat(u.uname()).isNull();
        assertThat(u.aname()).isNull();
    }

    @Test
    void unixSocketIsThePercentEncodedAuthority() {
        NinepUri u = NinepUri.parse(URI.create("ninep+unix://%2Frun%2Fninep.sock/a/b"));
        assertThat(u.address()).isEqualTo(new DialAddress.Unix(Path.of("/run/ninep.sock")));
        assertThat(u.path()).isEqualTo("/a/b");
        assertThatThrownBy(() -> NinepUri.parse(URI.create("ninep+unix://relative.sock/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
    }

    @Test
    void badUrisAreRefusedWithTheReason() {
        assertThatThrownBy(() -> NinepUri.parse(URI.create("ninep:/no/authority")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authority");
        assertThatThrownBy(() -> NinepUri.parse(URI.create("ninep://host/?colour=blue")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> NinepUri.parse(URI.create("http://host/")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NinepUri.parse(URI.create("ninep://host/#frag")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fragment");
    }

    @Test
    void environmentSetsEveryKnob() {
        ClientConfig base = ClientConfig.defaults().withReaddirInitialCount(8192);
        Settings s = settings("ninep://h/", Map.of("uname", "glenda", "aname", "/srv", "n_uname", "1000",
                "gid", 100, "umask", "027", "msize", 65536, "dialect", "9P2000.u", "timeout", "PT3S",
                "window", 8, "config", base));
        assertThat(s.key()).isEqualTo(new Settings.Key(new DialAddress.Tcp("h", 5640), "glenda", "/srv", 1000));
        assertThat(s.gid()).isEqualTo(100);
        assertThat(s.umask()).isEqualTo(027);
        assertThat(s.config().msize()).isEqualTo(65536);
        assertThat(s.config().dialect()).isEqualTo(Dialect.P9P2000_U);
        assertThat(s.config().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.config().ioWindow()).isEqualTo(8);
        assertThat(s.config().readdirInitialCount()).isEqualTo(8192);
    }

    @Test
    void numbersAndTypedValuesWorkToo() {
        Settings s = settings("ninep://h/", Map.of("timeout", 1500, "dialect", Dialect.P9P2000, "umask", 022,
                "n_uname", -1, "uname", "u", "replyTimeout", Duration.ofSeconds(20)));
        assertThat(s.config().connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.config().replyTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings("ninep://h/", Map.of("replyTimeout", "PT2S")).config().replyTimeout())
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(s.config().dialect()).isEqualTo(Dialect.P9P2000);
        assertThat(s.umask()).isEqualTo(022);
        assertThat(s.key().nUname()).isEqualTo(P9.NONUNAME);
    }

    @Test
    void aNamedUserWithoutANumberSendsNone() {
        Settings s = settings("ninep://someone@h/", Map.of());
        assertThat(s.key().uname()).isEqualTo("someone");
        assertThat(s.key().nUname()).isEqualTo(P9.NONUNAME);
        assertThat(s.gid()).isEqualTo(P9.NONUNAME);
    }

    @Test
    void withNoUserThisProcessAttachesAsItself() {
        Settings s = settings("ninep://h/", Map.of());
        assertThat(s.key().uname()).isEqualTo(System.getProperty("user.name"));
        // On Linux, as v9fs: the process's uid (root in the test machine, someone else elsewhere).
        if (java.nio.file.Files.isReadable(Path.of("/proc/self/status"))) {
            assertThat(s.key().nUname()).isNotEqualTo(P9.NONUNAME);
            assertThat(s.gid()).isNotEqualTo(P9.NONUNAME);
        }
        assertThat(s.key().aname()).isEmpty();
    }

    @Test
    void uriAndEnvironmentMustAgree() {
        assertThatThrownBy(() -> settings("ninep://glenda@h/", Map.of("uname", "other")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uname");
        assertThat(settings("ninep://glenda@h/", Map.of("uname", "glenda")).key().uname()).isEqualTo("glenda");
    }

    @Test
    void unknownKeysAndBadValuesAreRefused() {
        assertThatThrownBy(() -> settings("ninep://h/", Map.of("msise", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("msise");
        assertThatThrownBy(() -> settings("ninep://h/", Map.of("msize", "big")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("msize");
        assertThatThrownBy(() -> settings("ninep://h/", Map.of("umask", "9")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("umask");
        assertThatThrownBy(() -> settings("ninep://h/", Map.of("timeout", "soon")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'timeout'");
        assertThatThrownBy(() -> settings("ninep://h/", Map.of("replyTimeout", "later")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'replyTimeout'");
        assertThatThrownBy(() -> settings("ninep://h/", Map.of("config", "defaults")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ClientConfig");
    }

    @Test
    void aUriMatchesAFileSystemOnTheFieldsItNames() {
        Settings.Key k = new Settings.Key(new DialAddress.Tcp("h", 5640), "glenda", "", 1000);
        assertThat(k.matches(NinepUri.parse(URI.create("ninep://h:5640/x")))).isTrue();
        assertThat(k.matches(NinepUri.parse(URI.create("ninep://glenda@h/x?n_uname=1000")))).isTrue();
        assertThat(k.matches(NinepUri.parse(URI.create("ninep://other@h/x")))).isFalse();
        assertThat(k.matches(NinepUri.parse(URI.create("ninep://h/x?n_uname=0")))).isFalse();
        assertThat(k.matches(NinepUri.parse(URI.create("ninep://h/x?aname=/srv")))).isFalse();
        assertThat(k.matches(NinepUri.parse(URI.create("ninep://h:564/x")))).isFalse();
    }

    @Test
    void textFormsBecomeUris() {
        assertThat(NinepFileSystems.toUri("9p://127.0.0.1:5640/a/b")).isEqualTo(URI.create("ninep://127.0.0.1:5640/a/b"));
        assertThat(NinepFileSystems.toUri("9P://host/")).isEqualTo(URI.create("ninep://host/"));
        assertThat(NinepFileSystems.toUri("tcp!fs!564")).isEqualTo(URI.create("ninep://fs:564/"));
        assertThat(NinepFileSystems.toUri("[::1]:5640")).isEqualTo(URI.create("ninep://[::1]:5640/"));
        assertThat(NinepFileSystems.toUri("unix!/run/n.sock")).isEqualTo(URI.create("ninep+unix://%2Frun%2Fn.sock/"));
        assertThat(NinepFileSystems.toUri("ninep://h/x")).isEqualTo(URI.create("ninep://h/x"));
    }
}
