package io.ninep.client.nio;

import io.ninep.client.Fid;
import io.ninep.client.Session;
import io.ninep.protocol.Dialect;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * A 9P server's tree as a {@link FileSystem}: one {@link Session} and one attach, shared by
 * every thread that uses the file system (the session is thread-safe, and the file system keeps
 * no other state that a call could change). {@link #close()} closes the session; calls made
 * afterwards throw {@link ClosedFileSystemException}, and channels and streams still open
 * become unusable.
 *
 * <p>Made by {@link NinepFileSystemProvider}; see the package documentation for URIs and the
 * environment map.
 */
public final class NinepFileSystem extends FileSystem {
    private final NinepFileSystemProvider provider;
    private final Settings settings;
    private final Session session;
    private final Fid root;
    private final String uriBase;
    private final NinepPath rootPath;
    private final NinepPath emptyPath;
    private final Operations operations;
    private final NinepFileStore store;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Channels and streams open on this file system, closed with it. */
    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();

    NinepFileSystem(NinepFileSystemProvider provider, Settings settings, Session session, Fid root) {
        this.provider = provider;
        this.settings = settings;
        this.session = session;
        this.root = root;
        this.uriBase = NinepUri.base(settings.key().address(), settings.key().uname());
        this.rootPath = new NinepPath(this, "/");
        this.emptyPath = new NinepPath(this, "");
        this.operations = new Operations(this);
        this.store = new NinepFileStore(this, rootPath);
    }

    // ---- What this file system is ----

    /** The 9P session underneath, for what java.nio.file has no words for (quirks, msize, locks). */
    public Session session() {
        return session;
    }

    /** The dialect the server speaks. */
    public Dialect dialect() {
        return session.dialect();
    }

    /** The user this file system attached as, and the numeric id sent (or NONUNAME). */
    public String uname() {
        return settings.key().uname();
    }

    /** The tree attached ("" for the server's default). */
    public String aname() {
        return settings.key().aname();
    }

    /** The URI of the file system's root. */
    public URI toUri() {
        return toUri(rootPath);
    }

    Settings settings() {
        return settings;
    }

    Settings.Key key() {
        return settings.key();
    }

    Fid rootFid() {
        checkOpen();
        return root;
    }

    Operations operations() {
        checkOpen();
        return operations;
    }

    /** The key of a file of this server in the JVM's lock table. */
    FileLocks.Key lockKey(long qidPath) {
        return new FileLocks.Key(settings.key().address(), qidPath);
    }

    String uriBase() {
        return uriBase;
    }

    NinepPath root() {
        return rootPath;
    }

    NinepPath emptyPath() {
        return emptyPath;
    }

    URI toUri(NinepPath absolute) {
        StringBuilder b = new StringBuilder(uriBase);
        NinepUri.appendEncoded(b, absolute.toString(), true);
        b.append(NinepUri.query(settings.key().aname(), settings.key().nUname()));
        return URI.create(b.toString());
    }

    void checkOpen() {
        if (closed.get()) {
            throw new ClosedFileSystemException();
        }
    }

    // ---- FileSystem ----

    @Override
    public NinepFileSystemProvider provider() {
        return provider;
    }

    void register(Closeable c) {
        open.add(c);
    }

    void unregister(Closeable c) {
        open.remove(c);
    }

    /**
     * Closes the session, then the channels, streams and directory streams still open (each
     * fid went with the connection). Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        provider.forget(this);
        IOException failure = null;
        try {
            session.close();
        } catch (IOException e) {
            failure = e;
        }
        for (Closeable c : List.copyOf(open)) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                // the connection is gone; nothing more can fail that matters
            }
        }
        open.clear();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        checkOpen();
        return List.of(rootPath);
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        checkOpen();
        return List.of(store);
    }

    NinepFileStore store() {
        return store;
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return AttributeViews.supported(session.dialect());
    }

    /** A path; names may carry any byte but NUL and '/' (see {@link #getPath(byte[])}). */
    @Override
    public NinepPath getPath(String first, String... more) {
        String text = first;
        if (more.length > 0) {
            StringBuilder sb = new StringBuilder(first);
            for (String m : more) {
                if (!m.isEmpty()) {
                    if (!sb.isEmpty()) {
                        sb.append('/');
                    }
                    sb.append(m);
                }
            }
            text = sb.toString();
        }
        return NinepPath.parse(this, text);
    }

    /** The path whose bytes are {@code raw}: for names that are not UTF-8. */
    public Path getPath(byte[] raw) {
        return NinepPath.ofBytes(this, raw);
    }

    /** The bytes of a path of this file system, as sent to the server. */
    public byte[] toBytes(Path path) {
        if (!(path instanceof NinepPath p) || p.getFileSystem() != this) {
            throw new java.nio.file.ProviderMismatchException("not a path of " + this);
        }
        return p.toBytes();
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        int colon = syntaxAndPattern.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected syntax:pattern, got '" + syntaxAndPattern + "'");
        }
        String syntax = syntaxAndPattern.substring(0, colon);
        String pattern = syntaxAndPattern.substring(colon + 1);
        String regex = switch (syntax.toLowerCase(java.util.Locale.ROOT)) {
            case "glob" -> Globs.toRegex(pattern);
            case "regex" -> pattern;
            default -> throw new UnsupportedOperationException("syntax '" + syntax + "' (known: glob, regex)");
        };
        Pattern p = Pattern.compile(regex);
        return path -> p.matcher(path.toString()).matches();
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return new Principals.Lookup(session.dialect());
    }

    /** 9P has no change notification. */
    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("9P has no change notification; a ninep file system has no watch service");
    }

    @Override
    public String toString() {
        return uriBase + "/" + NinepUri.query(settings.key().aname(), settings.key().nUname());
    }
}
