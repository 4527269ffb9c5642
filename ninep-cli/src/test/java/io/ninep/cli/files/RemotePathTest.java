package io.ninep.cli.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RemotePathTest {

    @Test
    void relativePathsStartAtTheBaseAbsoluteOnesAtTheRoot() {
        List<String> base = RemotePath.baseNames("/srv/data");
        assertThat(base).containsExactly("srv", "data");
        assertThat(RemotePath.of("a/b", base).names()).containsExactly("srv", "data", "a", "b");
        assertThat(RemotePath.of("/a/b", base).names()).containsExactly("a", "b");
        assertThat(RemotePath.of("a/b", List.of()).absolute()).isEqualTo("/a/b");
    }

    @Test
    void dotsAreResolvedByNameAndDotDotStaysAtTheRoot() {
        assertThat(RemotePath.of("./a//b/./c/../d", List.of()).names()).containsExactly("a", "b", "d");
        assertThat(RemotePath.of("../../x", List.of("a")).names()).containsExactly("x");
        assertThat(RemotePath.of("/..", List.of()).isRoot()).isTrue();
        assertThat(RemotePath.of("/", List.of()).name()).isEmpty();
    }

    @Test
    void shownIsWhatTheUserTyped() {
        RemotePath p = RemotePath.of("docs/", List.of());
        assertThat(p.shown()).isEqualTo("docs/");
        assertThat(p.trailingSlash()).isTrue();
        assertThat(p.child("a.txt").shown()).isEqualTo("docs/a.txt");
        assertThat(RemotePath.of("docs", List.of()).child("a").shown()).isEqualTo("docs/a");
        assertThat(RemotePath.of("a/b/c", List.of()).parentNames()).containsExactly("a", "b");
    }

    @Test
    void theUriPathIsTheBase() {
        assertThat(Remote.uriPath("9p://host:5640/srv/x")).isEqualTo("/srv/x");
        assertThat(Remote.uriPath("ninep://host/a%20b")).isEqualTo("/a b");
        assertThat(Remote.uriPath("9p://host:5640")).isEmpty();
        assertThat(Remote.uriPath("tcp!host!5640")).isEmpty();
        assertThat(Remote.uriPath("9P://[::1]:5640/x?aname=y")).isEqualTo("/x");
    }
}
