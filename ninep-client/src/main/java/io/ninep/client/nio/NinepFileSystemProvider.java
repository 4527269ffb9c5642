package io.ninep.client.nio;

import io.ninep.client.Fid;
import io.ninep.client.Session;
import io.ninep.transport.Dialer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The java.nio.file provider for 9P, scheme {@code ninep}:
 * {@code FileSystems.newFileSystem(URI.create("ninep://127.0.0.1:5640/"), env)}.
 *
 * <p><b>Why not "9p://".</b> RFC 3986 requires a URI scheme to begin with a letter, and
 * {@link URI} enforces it: {@code URI.create("9p://host/")} throws in every JDK. The scheme is
 * therefore {@code ninep}; {@link NinepFileSystems#newFileSystem(String, Map)} accepts the text
 * {@code 9p://host:port/} too. Unix-domain sockets have the scheme {@code ninep+unix}, served by
 * {@link NinepUnixFileSystemProvider}, with the socket's path percent-encoded as the authority:
 * {@code ninep+unix://%2Frun%2Fninep.sock/}.
 *
 * <p>One file system per server address, user (uname and n_uname) and tree (aname); see the
 * package documentation for URIs, the environment map, and what each call costs.
 */
public sealed class NinepFileSystemProvider extends FileSystemProvider permits NinepUnixFileSystemProvider {
    private final String scheme;
    private final ReentrantLock lock = new ReentrantLock();   // guards fileSystems
    private final List<NinepFileSystem> fileSystems = new ArrayList<>();

    /** The provider of scheme {@code ninep} (TCP). */
    public NinepFileSystemProvider() {
        this(NinepUri.SCHEME);
    }

    NinepFileSystemProvider(String scheme) {
        this.scheme = scheme;
    }

    @Override
    public String getScheme() {
        return scheme;
    }

    // ---- File systems ----

    /**
     * Connects, negotiates version and msize, and attaches. The URI's path is ignored: the file
     * system is the whole tree.
     *
     * @throws FileSystemAlreadyExistsException if a file system of the same address, uname,
     *     n_uname and aname is open
     * @throws IllegalArgumentException for a URI of another scheme or a bad environment
     * @throws IOException if the server cannot be reached or refuses the attach
     */
    @Override
    public NinepFileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
        NinepUri u = parse(uri);
        Settings settings = Settings.of(u, env);
        lock.lock();
        try {
            checkNotOpen(settings.key(), uri);
        } finally {
            lock.unlock();
        }
        // Connect outside the lock: a slow server must not hold up other file systems.
        Session session = Session.open(Dialer.dial(settings.key().address(), settings.config().connectTimeout()),
                settings.config());
        NinepFileSystem fs;
        try {
            Settings.Key k = settings.key();
            Fid root = session.attach(null, k.uname(), k.aname(), k.nUname());
            fs = new NinepFileSystem(this, settings, session, root);
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
        lock.lock();
        try {
            checkNotOpen(settings.key(), uri);
            fileSystems.add(fs);
            return fs;
        } catch (FileSystemAlreadyExistsException e) {
            session.close();
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private void checkNotOpen(Settings.Key key, URI uri) {
        for (NinepFileSystem fs : fileSystems) {
            if (fs.key().equals(key)) {
                throw new FileSystemAlreadyExistsException(uri + " (as " + fs + ")");
            }
        }
    }

    NinepUri parse(URI uri) {
        if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("URI scheme is not '" + scheme + "': " + uri);
        }
        return NinepUri.parse(uri);
    }

    /**
     * The open file system the URI names: same address, and the same uname, aname and n_uname
     * where the URI gives them (a URI without aname names the default tree, "").
     *
     * @throws FileSystemNotFoundException if none is open, or if several match (name the uname
     *     or n_uname in the URI)
     */
    @Override
    public NinepFileSystem getFileSystem(URI uri) {
        NinepUri u = parse(uri);
        lock.lock();
        try {
            List<NinepFileSystem> matching = fileSystems.stream().filter(f -> f.key().matches(u)).toList();
            if (matching.size() == 1) {
                return matching.getFirst();
            }
            throw new FileSystemNotFoundException(matching.isEmpty() ? "no open file system for " + uri
                    : matching.size() + " open file systems match " + uri + ": " + matching
                    + "; give the uname (user@) or n_uname in the URI");
        } finally {
            lock.unlock();
        }
    }

    /** The path a URI names, in its open file system. */
    @Override
    public Path getPath(URI uri) {
        NinepFileSystem fs = getFileSystem(uri);
        String path = parse(uri).path();
        return NinepPath.parse(fs, path.isEmpty() ? "/" : path);
    }

    void forget(NinepFileSystem fs) {
        lock.lock();
        try {
            fileSystems.remove(fs);
        } finally {
            lock.unlock();
        }
    }

    static NinepPath toNinepPath(Path path) {
        if (path == null) {
            throw new NullPointerException("path");
        }
        if (!(path instanceof NinepPath p)) {
            throw new ProviderMismatchException("not a ninep path: " + path.getClass().getName());
        }
        return p;
    }

    private static Operations ops(Path path) {
        return toNinepPath(path).getFileSystem().operations();
    }

    // ---- Files ----

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                                              FileAttribute<?>... attrs) throws IOException {
        return ops(path).opening().newFileChannel(toNinepPath(path), options, attrs);
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options,
                                      FileAttribute<?>... attrs) throws IOException {
        return ops(path).opening().newFileChannel(toNinepPath(path), options, attrs);
    }

    /** A stream that reads ahead with up to {@code window} requests in flight. */
    @Override
    public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
        for (OpenOption o : options) {
            if (o == java.nio.file.StandardOpenOption.APPEND || o == java.nio.file.StandardOpenOption.WRITE) {
                throw new UnsupportedOperationException("'" + o + "' not allowed");
            }
        }
        return ops(path).opening().newInputStream(toNinepPath(path), new HashSet<>(Arrays.asList(options)));
    }

    /** A stream that gathers writes into large windowed Twrites. */
    @Override
    public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
        Set<OpenOption> opts = new HashSet<>();
        if (options.length == 0) {
            opts.addAll(Set.of(java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE));
        } else {
            for (OpenOption o : options) {
                if (o == java.nio.file.StandardOpenOption.READ) {
                    throw new IllegalArgumentException("READ not allowed");
                }
                opts.add(o);
            }
            opts.add(java.nio.file.StandardOpenOption.WRITE);
        }
        return ops(path).opening().newOutputStream(toNinepPath(path), opts);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        java.util.Objects.requireNonNull(filter, "filter");
        return ops(dir).newDirectoryStream(toNinepPath(dir), filter);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        ops(dir).createDirectory(toNinepPath(dir), attrs);
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        NinepPath t = toNinepPath(target);
        ops(link).createSymbolicLink(toNinepPath(link), t, attrs);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        NinepPath l = toNinepPath(link);
        NinepPath e = toNinepPath(existing);
        if (e.getFileSystem() != l.getFileSystem()) {
            throw new java.nio.file.FileSystemException(link.toString(), existing.toString(),
                    "a hard link cannot span file systems");
        }
        ops(link).createLink(l, e);
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        return ops(link).readSymbolicLink(toNinepPath(link));
    }

    @Override
    public void delete(Path path) throws IOException {
        ops(path).delete(toNinepPath(path));
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        NinepPath s = toNinepPath(source);
        NinepPath t = toNinepPath(target);
        if (s.getFileSystem() == t.getFileSystem()) {
            ops(source).copy(s, t, Options.Copy.of(false, options));
        } else {
            ops(target);   // both must be open
            CrossCopy.copy(s, t, Options.Copy.of(false, options));
        }
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        NinepPath s = toNinepPath(source);
        NinepPath t = toNinepPath(target);
        if (s.getFileSystem() == t.getFileSystem()) {
            ops(source).move(s, t, Options.Copy.of(true, options));
        } else {
            ops(target);
            CrossCopy.move(s, t, Options.Copy.of(true, options));
        }
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        NinepPath a = toNinepPath(path);
        if (a.equals(path2)) {
            return true;
        }
        if (!(path2 instanceof NinepPath b) || b.getFileSystem() != a.getFileSystem()) {
            return false;
        }
        return ops(path).isSameFile(a, b);
    }

    /** Names beginning with "." are hidden, as on Unix. */
    @Override
    public boolean isHidden(Path path) {
        NinepPath p = toNinepPath(path);
        p.getFileSystem().checkOpen();
        NinepPath name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        return ops(path).fileStore(toNinepPath(path));
    }

    /** See {@link Operations#checkAccess} for what can be known without the server's own check. */
    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        ops(path).checkAccess(toNinepPath(path), modes);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        NinepPath p = toNinepPath(path);
        p.getFileSystem().checkOpen();
        return AttributeViews.view(p, type, Options.followLinks(options));
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        return ops(path).readAttributes(toNinepPath(path), type, Options.followLinks(options));
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
            throws IOException {
        return ops(path).readAttributes(toNinepPath(path), attributes, Options.followLinks(options));
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        ops(path).setAttribute(toNinepPath(path), attribute, value, Options.followLinks(options));
    }

    /** Not supported: a 9P file system is not made from a file. */
    @Override
    public FileSystem newFileSystem(Path path, Map<String, ?> env) {
        throw new UnsupportedOperationException("a ninep file system is opened by URI, not from a file");
    }
}
