package io.ninep.client.nio;

import io.ninep.protocol.WireString;
import java.io.IOException;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A path of a {@link NinepFileSystem}: a Unix path whose names are 9P names, that is, byte
 * strings. The text is kept as the String that {@link WireString} makes of the bytes (valid
 * UTF-8 as itself, every other byte as one surrogate U+DC80..U+DCFF), and every path is made
 * canonical on the way in: its text is the decoding of its own encoding. So two paths are equal
 * exactly when their bytes are, and {@link #compareTo} orders them by their bytes, unsigned,
 * as Linux's {@code UnixPath} does.
 *
 * <p>The syntax and every operation that needs no server (normalize, resolve, relativize,
 * startsWith, ...) follow the JDK's Unix paths, including the empty path; the unit tests check
 * them against it. Relative paths are relative to the root of the file system.
 */
final class NinepPath implements Path {
    private static final int[] NO_OFFSETS = {};

    private final NinepFileSystem fs;
    /** Canonical text: no "//", no trailing '/' except for "/" itself. */
    private final String path;
    private volatile int[] offsets;
    private volatile byte[] bytes;
    private int hash;

    /** A path whose text is already normalized and canonical. */
    NinepPath(NinepFileSystem fs, String path) {
        this.fs = fs;
        this.path = path;
    }

    /** Parses user input: slashes collapsed, NUL refused, text made canonical. */
    static NinepPath parse(NinepFileSystem fs, String input) {
        return new NinepPath(fs, canonical(input, collapseSlashes(input)));
    }

    /** A path from raw bytes (any byte but NUL). */
    static NinepPath ofBytes(NinepFileSystem fs, byte[] raw) {
        String text = WireString.fromBytes(raw);
        return new NinepPath(fs, collapseSlashes(text));
    }

    private static String collapseSlashes(String input) {
        StringBuilder sb = null;
        int n = input.length();
        char prev = 0;
        for (int i = 0; i < n; i++) {
            char c = input.charAt(i);
            if (c == '\u0000') {
                throw new InvalidPathException(input, "NUL character not allowed", i);
            }
            boolean skip = c == '/' && prev == '/';
            if (skip && sb == null) {
                sb = new StringBuilder(n).append(input, 0, i);
            }
            if (sb != null && !skip) {
                sb.append(c);
            }
            prev = c;
        }
        String s = sb == null ? input : sb.toString();
        if (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /**
     * The canonical form of {@code text}: what its bytes decode to. Refuses an unpaired
     * surrogate that stands for no byte (it has no UTF-8 form and would be sent as U+FFFD).
     */
    private static String canonical(String input, String text) {
        boolean plain = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                if (c < 0xDC80 || c > 0xDCFF) {
                    throw new InvalidPathException(input, String.format(
                            "unpaired surrogate U+%04X stands for no byte and cannot be sent", (int) c));
                }
                plain = false;   // an escaped byte: may combine with its neighbours into UTF-8
            }
        }
        return plain ? text : WireString.fromBytes(WireString.toBytes(text));
    }

    // ---- What a path is made of ----

    /** The text of the path; non-UTF-8 bytes appear as U+DC80..U+DCFF. */
    @Override
    public String toString() {
        return path;
    }

    /** The bytes of the path, as sent on the wire. */
    byte[] toBytes() {
        byte[] b = bytes;
        if (b == null) {
            b = WireString.toBytes(path);
            bytes = b;
        }
        return b;
    }

    boolean isEmpty() {
        return path.isEmpty();
    }

    private int[] offsets() {
        int[] o = offsets;
        if (o == null) {
            if (path.isEmpty()) {
                o = new int[] {0};   // the empty path has one name, itself
            } else {
                List<Integer> starts = new ArrayList<>();
                int n = path.length();
                for (int i = 0; i < n; i++) {
                    if (path.charAt(i) != '/' && (i == 0 || path.charAt(i - 1) == '/')) {
                        starts.add(i);
                    }
                }
                o = starts.isEmpty() ? NO_OFFSETS : starts.stream().mapToInt(Integer::intValue).toArray();
            }
            offsets = o;
        }
        return o;
    }

    private int end(int[] o, int i) {
        return i == o.length - 1 ? path.length() : o[i + 1] - 1;
    }

    /** The names of the path, in order. */
    List<String> names() {
        int[] o = offsets();
        List<String> names = new ArrayList<>(o.length);
        for (int i = 0; i < o.length; i++) {
            names.add(path.substring(o[i], end(o, i)));
        }
        return names;
    }

    @Override
    public NinepFileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return path.startsWith("/");
    }

    @Override
    public NinepPath getRoot() {
        return isAbsolute() ? fs.root() : null;
    }

    @Override
    public NinepPath getFileName() {
        int[] o = offsets();
        if (o.length == 0) {
            return null;
        }
        if (o.length == 1 && !isAbsolute()) {
            return this;
        }
        return new NinepPath(fs, path.substring(o[o.length - 1]));
    }

    @Override
    public NinepPath getParent() {
        int[] o = offsets();
        if (o.length == 0) {
            return null;
        }
        int len = o[o.length - 1] - 1;
        if (len <= 0) {
            return getRoot();
        }
        return new NinepPath(fs, path.substring(0, len));
    }

    @Override
    public int getNameCount() {
        return offsets().length;
    }

    @Override
    public NinepPath getName(int index) {
        int[] o = offsets();
        if (index < 0 || index >= o.length) {
            throw new IllegalArgumentException("name " + index + " of a path of " + o.length + " names");
        }
        return new NinepPath(fs, path.substring(o[index], end(o, index)));
    }

    @Override
    public NinepPath subpath(int beginIndex, int endIndex) {
        int[] o = offsets();
        if (beginIndex < 0 || beginIndex >= o.length || endIndex > o.length || beginIndex >= endIndex) {
            throw new IllegalArgumentException("subpath(" + beginIndex + ", " + endIndex + ") of a path of "
                    + o.length + " names");
        }
        return new NinepPath(fs, path.substring(o[beginIndex], end(o, endIndex - 1)));
    }

    // ---- Comparing ----

    @Override
    public boolean startsWith(Path other) {
        if (!(Objects.requireNonNull(other) instanceof NinepPath that) || that.fs != fs) {
            return false;
        }
        if (that.path.length() > path.length()) {
            return false;
        }
        if (that.getNameCount() == 0) {   // "/" (or the empty path, which starts nothing)
            return isAbsolute() && !that.isEmpty();
        }
        if (that.isEmpty()) {
            return isEmpty();
        }
        if (that.isAbsolute() != isAbsolute() || !path.startsWith(that.path)) {
            return false;
        }
        return path.length() == that.path.length() || path.charAt(that.path.length()) == '/';
    }

    @Override
    public boolean endsWith(Path other) {
        if (!(Objects.requireNonNull(other) instanceof NinepPath that) || that.fs != fs) {
            return false;
        }
        if (that.path.length() > path.length()) {
            return false;
        }
        if (that.isEmpty()) {
            return isEmpty();
        }
        if (that.isAbsolute()) {
            return that.path.equals(path);
        }
        if (!path.endsWith(that.path)) {
            return false;
        }
        int start = path.length() - that.path.length();
        return start == 0 || path.charAt(start - 1) == '/';
    }

    /** Orders paths by their bytes, unsigned; paths of different file systems by their file system first. */
    @Override
    public int compareTo(Path other) {
        NinepPath that = (NinepPath) other;
        if (that.fs != fs) {
            int c = fs.uriBase().compareTo(that.fs.uriBase());
            if (c != 0) {
                return c;
            }
        }
        return Arrays.compareUnsigned(toBytes(), that.toBytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NinepPath that && that.fs == fs && that.path.equals(path);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = path.hashCode();
            hash = h;
        }
        return h;
    }

    // ---- Combining ----

    @Override
    public NinepPath normalize() {
        int[] o = offsets();
        if (isEmpty() || o.length == 0) {
            return this;
        }
        List<String> out = new ArrayList<>(o.length);
        boolean changed = false;
        for (int i = 0; i < o.length; i++) {
            String name = path.substring(o[i], end(o, i));
            if (name.equals(".")) {
                changed = true;
            } else if (name.equals("..") && !out.isEmpty() && !out.getLast().equals("..")) {
                out.removeLast();
                changed = true;
            } else if (name.equals("..") && out.isEmpty() && isAbsolute()) {
                changed = true;   // "/.." is "/"
            } else {
                out.add(name);
            }
        }
        if (!changed) {
            return this;
        }
        String joined = String.join("/", out);
        return new NinepPath(fs, isAbsolute() ? "/" + joined : joined);
    }

    @Override
    public NinepPath resolve(Path other) {
        NinepPath that = check(other);
        if (that.isAbsolute()) {
            return that;
        }
        if (that.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return that;
        }
        return new NinepPath(fs, path.equals("/") ? "/" + that.path : path + "/" + that.path);
    }

    @Override
    public NinepPath resolve(String other) {
        return resolve(fs.getPath(other));
    }

    @Override
    public NinepPath relativize(Path other) {
        NinepPath child = check(other);
        if (child.equals(this)) {
            return fs.emptyPath();
        }
        if (isAbsolute() != child.isAbsolute()) {
            throw new IllegalArgumentException("'" + other + "' is " + (child.isAbsolute() ? "absolute" : "relative")
                    + " and '" + this + "' is not");
        }
        if (isEmpty()) {
            return child;
        }
        NinepPath base = this;
        if (base.hasDots() || child.hasDots()) {
            base = base.normalize();
            child = child.normalize();
        }
        List<String> b = base.isEmpty() ? List.of() : base.names();
        List<String> c = child.isEmpty() ? List.of() : child.names();
        int i = 0;
        while (i < b.size() && i < c.size() && b.get(i).equals(c.get(i))) {
            i++;
        }
        List<String> rest = c.subList(i, c.size());
        List<String> up = b.subList(i, b.size());
        if (up.contains("..") || up.contains(".")) {
            throw new IllegalArgumentException("cannot compute the path from " + this + " to " + other);
        }
        List<String> result = new ArrayList<>();
        for (int k = 0; k < up.size(); k++) {
            result.add("..");
        }
        result.addAll(rest);
        return new NinepPath(fs, String.join("/", result));
    }

    private boolean hasDots() {
        if (isEmpty()) {
            return false;
        }
        for (String n : names()) {
            if (n.equals(".") || n.equals("..")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public NinepPath toAbsolutePath() {
        return isAbsolute() ? this : fs.root().resolve(this);
    }

    /**
     * The absolute path with every symbolic link resolved (by the client: 9P servers do not
     * follow links), "." and ".." gone; or with {@link LinkOption#NOFOLLOW_LINKS}, the absolute
     * path with "." removed and ".." removed after names that are not links. The file must exist.
     */
    @Override
    public NinepPath toRealPath(LinkOption... options) throws IOException {
        return fs.operations().realPath(this, Options.followLinks(options));
    }

    /**
     * {@code ninep://[uname@]host:port/path[?aname=...&n_uname=...]} (or
     * {@code ninep+unix://%2Fpath%2Fto%2Fsocket/path...}), the path's bytes percent-encoded
     * where they are not plain ASCII. Unlike the JDK's Unix paths, a directory gets no trailing
     * slash (that would cost a request to the server).
     */
    @Override
    public URI toUri() {
        return fs.toUri(toAbsolutePath());
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        Objects.requireNonNull(watcher);
        throw new ProviderMismatchException("a ninep file system has no watch service");
    }

    private NinepPath check(Path other) {
        Objects.requireNonNull(other, "other");
        if (!(other instanceof NinepPath that)) {
            throw new ProviderMismatchException("not a ninep path: " + other.getClass().getName());
        }
        if (that.fs != fs) {
            throw new ProviderMismatchException("'" + other + "' belongs to another file system: " + that.fs);
        }
        return that;
    }
}
