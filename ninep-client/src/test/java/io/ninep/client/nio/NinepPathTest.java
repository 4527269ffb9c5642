package io.ninep.client.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Paths need no server. Their syntax and every operation on them must match the JDK's Unix
 * paths, which the properties use as the oracle (on ASCII names, where the two cannot differ
 * in encoding); names that are not UTF-8 are checked by hand.
 */
class NinepPathTest {
    private final NinepFileSystem fs = Offline.fileSystem();

    // ---- The JDK's Unix paths as the oracle ----

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> name = Arbitraries.of("a", "b", "ab", ".", "..", "", ".a", "a.", "...");
        Arbitrary<List<String>> names = name.list().ofMinSize(0).ofMaxSize(6);
        return Combinators.combine(Arbitraries.of("", "/", "//"), names, Arbitraries.of("", "/", "//"))
                .as((lead, ns, trail) -> {
                    String s = lead + String.join("/", ns) + (ns.isEmpty() ? "" : trail);
                    return s;
                });
    }

    private static Path unix(String s) {
        return FileSystems.getDefault().getPath(s);
    }

    private Path ninep(String s) {
        return fs.getPath(s);
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    /** The same answer from both, or the same exception type. */
    private static void same(Function<Function<String, Path>, Object> op, Function<String, Path> a, Function<String, Path> b) {
        Object x;
        Object y;
        try {
            x = text(op.apply(a));
        } catch (RuntimeException e) {
            x = e.getClass();
        }
        try {
            y = text(op.apply(b));
        } catch (RuntimeException e) {
            y = e.getClass();
        }
        assertThat(y).isEqualTo(x);
    }

    @Property(tries = 2000)
    void oneArgumentOperationsMatchTheJdk(@ForAll("paths") String s) {
        Function<String, Path> u = NinepPathTest::unix;
        Function<String, Path> n = this::ninep;
        same(f -> f.apply(s), u, n);
        same(f -> f.apply(s).isAbsolute(), u, n);
        same(f -> f.apply(s).getNameCount(), u, n);
        same(f -> f.apply(s).getFileName(), u, n);
        same(f -> f.apply(s).getParent(), u, n);
        same(f -> f.apply(s).getRoot(), u, n);
        same(f -> f.apply(s).normalize(), u, n);
        same(f -> names(f.apply(s)), u, n);
        same(f -> iterated(f.apply(s)), u, n);
        Path np = ninep(s);
        Path up = unix(s);
        for (int i = -1; i <= up.getNameCount(); i++) {
            int k = i;
            same(f -> f.apply(s).getName(k), u, n);
            for (int j = i; j <= up.getNameCount() + 1; j++) {
                int m = j;
                same(f -> f.apply(s).subpath(k, m), u, n);
            }
        }
        assertThat(np.hashCode()).isEqualTo(ninep(s).hashCode());
        assertThat(np).isEqualTo(ninep(s));
    }

    @Property(tries = 3000)
    void twoArgumentOperationsMatchTheJdk(@ForAll("paths") String s, @ForAll("paths") String t) {
        Function<String, Path> u = NinepPathTest::unix;
        Function<String, Path> n = this::ninep;
        same(f -> f.apply(s).resolve(f.apply(t)), u, n);
        same(f -> f.apply(s).resolve(t), u, n);
        same(f -> f.apply(s).resolveSibling(f.apply(t)), u, n);
        same(f -> f.apply(s).relativize(f.apply(t)), u, n);
        same(f -> f.apply(s).startsWith(f.apply(t)), u, n);
        same(f -> f.apply(s).endsWith(f.apply(t)), u, n);
        same(f -> f.apply(s).startsWith(t), u, n);
        same(f -> f.apply(s).endsWith(t), u, n);
        same(f -> f.apply(s).equals(f.apply(t)), u, n);
        same(f -> Integer.signum(f.apply(s).compareTo(f.apply(t))), u, n);
    }

    private static List<String> names(Path p) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < p.getNameCount(); i++) {
            out.add(p.getName(i).toString());
        }
        return out;
    }

    private static List<String> iterated(Path p) {
        List<String> out = new ArrayList<>();
        p.forEach(x -> out.add(x.toString()));
        return out;
    }

    @Test
    void theEmptyPathIsOneEmptyName() {
        Path e = fs.getPath("");
        assertThat(e.getNameCount()).isEqualTo(1);
        assertThat(e.getFileName()).isEqualTo(e);
        assertThat(e.getParent()).isNull();
        assertThat(e.toAbsolutePath()).hasToString("/");
        assertThat(fs.getPath("a").relativize(fs.getPath("a"))).isEqualTo(e);
    }

    @Test
    void relativePathsAreRelativeToTheRoot() {
        assertThat(fs.getPath("a/b").toAbsolutePath()).isEqualTo(fs.getPath("/a/b"));
        assertThat(fs.getPath("a", "", "b", "c/")).hasToString("a/b/c");
    }

    // ---- Names that are bytes ----

    @Test
    void bytesThatAreNotUtf8SurviveAsEscapes() {
        byte[] raw = {'/', 'x', (byte) 0xFF, (byte) 0xC3, 'y'};   // 0xC3 without its continuation
        Path p = fs.getPath(raw);
        assertThat(p.toString()).isEqualTo("/x\uDCFF\uDCC3y");
        assertThat(fs.toBytes(p)).isEqualTo(raw);
        assertThat(p).isEqualTo(fs.getPath("/x\uDCFF\uDCC3y"));
        assertThat(p.getFileName().toString()).isEqualTo("x\uDCFF\uDCC3y");
    }

    @Test
    void escapesThatSpellUtf8AreTheCharacterTheySpell() {
        // Bytes C3 A9 are 'é' in UTF-8: the escaped form and the character are the same name.
        Path escaped = fs.getPath("\uDCC3\uDCA9");
        assertThat(escaped).isEqualTo(fs.getPath("é"));
        assertThat(escaped.toString()).isEqualTo("é");
        assertThat(fs.toBytes(escaped)).isEqualTo("é".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pathsAreOrderedByTheirBytesUnsigned() {
        Path ff = fs.getPath(new byte[] {(byte) 0xFF});
        Path e = fs.getPath("é");            // C3 A9
        Path astral = fs.getPath("\uD83D\uDE00");   // F0 9F 98 80
        Path z = fs.getPath("z");
        assertThat(List.of(ff, astral, z, e).stream().sorted().toList()).containsExactly(z, e, astral, ff);
        // String order would put U+DCFF before U+D83D's pair; byte order does not.
        assertThat(astral.compareTo(ff)).isNegative();
    }

    @Test
    void aSurrogateThatStandsForNoByteIsRefused() {
        assertThatThrownBy(() -> fs.getPath("a\uD800b")).isInstanceOf(InvalidPathException.class)
                .hasMessageContaining("U+D800");
        assertThatThrownBy(() -> fs.getPath("a\uDC10")).isInstanceOf(InvalidPathException.class);
        assertThat(fs.getPath("a\uD800\uDC00")).hasToString("a\uD800\uDC00");   // a pair is a character
    }

    @Test
    void nulIsRefused() {
        assertThatThrownBy(() -> fs.getPath("a\0b")).isInstanceOf(InvalidPathException.class)
                .satisfies(e -> assertThat(((InvalidPathException) e).getIndex()).isEqualTo(1));
    }

    @Test
    void operationsKeepEscapedBytes() {
        Path dir = fs.getPath(new byte[] {'/', (byte) 0x80, '/', 'd'});
        Path child = dir.resolve(fs.getPath(new byte[] {(byte) 0xFE}));
        assertThat(fs.toBytes(child)).isEqualTo(new byte[] {'/', (byte) 0x80, '/', 'd', '/', (byte) 0xFE});
        assertThat(child.getParent()).isEqualTo(dir);
        assertThat(dir.relativize(child)).isEqualTo(fs.getPath(new byte[] {(byte) 0xFE}));
        assertThat(child.startsWith(dir)).isTrue();
        assertThat(child.subpath(0, 1)).isEqualTo(fs.getPath(new byte[] {(byte) 0x80}));
    }

    // ---- URIs ----

    @Test
    void uriCarriesUserPathAndIdentityPercentEncoded() {
        Path p = fs.getPath(new byte[] {'/', 'a', ' ', 'b', '/', (byte) 0xFF, '?', '#', '%'});
        URI uri = p.toUri();
        assertThat(uri.toString()).isEqualTo("ninep://glenda@fileserver:5640/a%20b/%FF%3F%23%25?n_uname=1000");
        NinepUri back = NinepUri.parse(uri);
        assertThat(fs.getPath(back.path())).isEqualTo(p);
        assertThat(back.uname()).isEqualTo("glenda");
        assertThat(back.nUname()).isEqualTo(1000);
        assertThat(fs.key().matches(back)).isTrue();
    }

    @Test
    void relativePathsGiveTheUriOfTheirAbsolutePath() {
        assertThat(fs.getPath("x/y").toUri().getRawPath()).isEqualTo("/x/y");
    }

    @Test
    void unixSocketUrisEncodeTheSocketAsAuthority() {
        NinepFileSystem unix = Offline.fileSystem("ninep+unix://%2Frun%2Fninep%20x.sock/");
        URI uri = unix.getPath("/f").toUri();
        assertThat(uri.toString()).isEqualTo("ninep+unix://glenda@%2Frun%2Fninep%20x.sock/f?n_uname=1000");
        NinepUri back = NinepUri.parse(uri);
        assertThat(back.address()).isEqualTo(unix.key().address());
        assertThat(back.address().toString()).isEqualTo("unix!/run/ninep x.sock");
    }

    // ---- Paths of other file systems ----

    @Test
    void pathsOfAnotherFileSystemAreNeverEqualOrCombined() {
        NinepFileSystem other = Offline.fileSystem("ninep://otherserver:5640/");
        Path a = fs.getPath("/a");
        Path b = other.getPath("/a");
        assertThat(a).isNotEqualTo(b);
        assertThat(a.startsWith(b)).isFalse();
        assertThat(a.endsWith(b)).isFalse();
        assertThat(a.compareTo(b)).isNotZero();
        assertThatThrownBy(() -> a.resolve(b)).isInstanceOf(ProviderMismatchException.class);
        assertThatThrownBy(() -> a.relativize(b)).isInstanceOf(ProviderMismatchException.class);
        assertThatThrownBy(() -> a.resolve(Path.of("x"))).isInstanceOf(ProviderMismatchException.class);
        assertThat(a.startsWith(Path.of("/a"))).isFalse();
    }

    @Test
    void pathsCannotBeWatched() {
        assertThatThrownBy(() -> fs.getPath("/a").register(FileSystems.getDefault().newWatchService()))
                .isInstanceOf(ProviderMismatchException.class);
        assertThatThrownBy(fs::newWatchService).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fs.getPath("/a").toFile()).isInstanceOf(UnsupportedOperationException.class);
    }
}
