package io.ninep.client.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Globs match what the JDK's matchers match: the default file system is the oracle. */
class GlobsTest {
    private final NinepFileSystem fs = Offline.fileSystem();

    private static final List<String> PATHS = List.of("", "a", "b", "ab", "abc", "a.java", "a.class", "x/a.java",
            "/x/y/a.java", "dir/sub/file.txt", ".hidden", "a/b", "a/b/c", "[a]", "{a}", "a,b", "*", "a?b", "a-b",
            "foo.JAVA", "/", "a\\b", "e", "a/", "aa.java", "z.java", "-", "f]");

    @ParameterizedTest
    @ValueSource(strings = {"*", "**", "*.java", "**/*.java", "*.{java,class}", "?", "??", "a?", "[ab]", "[!a]",
            "[a-c]*", "[!a-c]*", "a/*", "a/**", "**/a.java", "/x/*/a.java", "*/*", "\\*", "a\\?b", "{a,b}",
            "{a,b,}", "{,a}", "[-a]", "[a-]", "x/{a,b}.java", "{*.java,*.class}", "[\\]]", "\\[a\\]", ".*",
            "*.{JAVA,java}", "a,b", "[a!]", "**.java", "a**", "*/a.java", "[[]a]", "\\{a}"})
    void matchesWhatTheJdkMatches(String glob) {
        PathMatcher ours = fs.getPathMatcher("glob:" + glob);
        PathMatcher jdk = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        for (String p : PATHS) {
            assertThat(ours.matches(fs.getPath(p))).as("%s on '%s'", glob, p)
                    .isEqualTo(jdk.matches(FileSystems.getDefault().getPath(p)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[abc", "{a,{b}}", "{a", "a\\", "[a/b]", "[]"})
    void refusesWhatTheJdkRefuses(String glob) {
        assertThatThrownBy(() -> FileSystems.getDefault().getPathMatcher("glob:" + glob))
                .isInstanceOf(PatternSyntaxException.class);
        assertThatThrownBy(() -> fs.getPathMatcher("glob:" + glob)).isInstanceOf(PatternSyntaxException.class);
    }

    @Test
    void regexAndUnknownSyntax() {
        assertThat(fs.getPathMatcher("regex:a.*b").matches(fs.getPath("a/xb"))).isTrue();
        assertThatThrownBy(() -> fs.getPathMatcher("fancy:x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fs.getPathMatcher("*.java")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void escapedBytesMatchLiterally() {
        String name = "x\uDCFF.bin";
        assertThat(fs.getPathMatcher("glob:x?.bin").matches(fs.getPath(name))).isTrue();
        assertThat(fs.getPathMatcher("glob:x\uDCFF.*").matches(fs.getPath(name))).isTrue();
    }
}
