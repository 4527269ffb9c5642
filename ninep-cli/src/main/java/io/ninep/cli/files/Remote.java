package io.ninep.cli.files;

import io.ninep.cli.options.ProcessIds;
import io.ninep.client.ClientConfig;
import io.ninep.client.Fid;
import io.ninep.client.RemoteErrorException;
import io.ninep.client.Session;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.Errno;
import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.Quirk;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Stat;
import io.ninep.protocol.message.Topen;
import io.ninep.transport.DialAddress;
import io.ninep.transport.Dialer;
import io.ninep.transport.Transport;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;

/**
 * One file command's connection: the session, the attached root, the base directory of a
 * {@code 9p://host/path} address, and the watchdog that gives up on a silent server. Paths are
 * walked from the root; {@link #info} and {@link #list} read attributes and directories the
 * same way in every dialect.
 */
public final class Remote implements Closeable {
    /** Attribute reads ls -l keeps in flight at once. */
    private static final int PARALLEL_INFO = 32;

    private final Session session;
    private final Fid root;
    private final List<String> base;
    private final ReplyWatchdog watchdog;
    private final String address;

    private Remote(Session session, Fid root, List<String> base, ReplyWatchdog watchdog, String address) {
        this.session = session;
        this.root = root;
        this.base = base;
        this.watchdog = watchdog;
        this.address = address;
    }

    /**
     * Connects to {@code addressText}, negotiates, attaches. Notes on standard error: the msize
     * cut when the user chose the msize (or with --verbose), the dialect and msize with --verbose.
     *
     * @throws Failure with status 2 for a bad address or option, 1 when the server cannot be reached
     */
    public static Remote connect(String addressText, ConnectionOptions o, Reporter reporter) throws Failure {
        DialAddress address;
        ClientConfig config;
        int nUname;
        try {
            address = DialAddress.parse(addressText);
            config = o.clientConfig();
            nUname = o.nUname();
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e.getMessage());
        }
        List<String> base = RemotePath.baseNames(uriPath(addressText));
        ReplyWatchdog watchdog = new ReplyWatchdog();
        Transport transport;
        try {
            transport = Dialer.dial(address, o.connectTimeout());
        } catch (IOException e) {
            watchdog.close();
            throw Failure.failed("cannot connect to " + address + ": " + ErrorText.of(e.getCause() != null ? e.getCause() : e));
        }
        watchdog.connecting(transport, o.connectTimeout());
        Session session;
        try {
            session = Session.open(transport, config);
        } catch (IOException e) {
            closeQuietly(transport);
            watchdog.close();
            String why = watchdog.fired() || e instanceof io.ninep.client.NoReplyException
                    ? Errno.ETIMEDOUT.text() + " (no answer to Tversion)"
                    : e instanceof RemoteErrorException r && r.request() == MessageType.TVERSION
                            ? "the server refused " + config.dialect() + ": " + Errno.describe(r.errno())
                            : e.getMessage();
            throw Failure.failed("cannot connect to " + address + ": " + why);
        }
        watchdog.connecting(session, o.connectTimeout());
        Fid root;
        try {
            root = session.attach(null, o.uname(), o.aname(), nUname);
        } catch (IOException e) {
            closeQuietly(session);
            watchdog.close();
            throw Failure.failed("cannot attach " + ErrorText.quote(o.aname()) + " on " + address + " as "
                    + ErrorText.quote(o.uname()) + ": " + (watchdog.fired() ? Errno.ETIMEDOUT.text() : ErrorText.of(e)));
        }
        watchdog.replies(session, session.connection(), o.replyTimeout());
        var n = session.negotiation();
        if (o.verbose()) {
            reporter.note("connected to " + address + ": " + session.dialect() + ", msize " + session.msize());
        }
        if (n.cut() && (o.verbose() || o.msizeGiven())) {
            reporter.note("msize cut: " + n);
        }
        if (o.verbose() && session.dialect() != config.dialect()) {
            reporter.note("the server speaks " + session.dialect() + ", not " + config.dialect());
        }
        return new Remote(session, root, base, watchdog, address.toString());
    }

    /** The path of a 9p:// or ninep:// address ("" if none). */
    public static String uriPath(String addressText) {
        String t = addressText.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("9p://") && !lower.startsWith("ninep://")) {
            return "";
        }
        String rest = t.substring(t.indexOf("://") + 3);
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return "";
        }
        String path = rest.substring(slash);
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        return java.net.URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            // giving up on this connection anyway
        }
    }

    public Session session() {
        return session;
    }

    public Dialect dialect() {
        return session.dialect();
    }

    public Fid root() {
        return root;
    }

    public String address() {
        return address;
    }

    /** Whether the connection is still usable (a later operand is worth trying). */
    public boolean isOpen() {
        return session.connection().isOpen();
    }

    /** The path {@code text} names, relative to the base of the address. */
    public RemotePath path(String text) {
        return RemotePath.of(text, base);
    }

    /** The path a command works on when given none: the base of a 9p:// address, else the root. */
    public RemotePath defaultPath(String whenRoot) {
        return base.isEmpty() ? RemotePath.of(whenRoot, List.of()) : new RemotePath("/" + String.join("/", base), base, false);
    }

    /** What went wrong, in strerror's words; "Connection timed out" once the watchdog gave up. */
    public String describe(Throwable e) {
        if (watchdog.fired()) {
            long ms = watchdog.firedAfter().toMillis();
            return Errno.ETIMEDOUT.text() + " (no reply for " + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms") + ")";
        }
        return ErrorText.of(e);
    }

    /**
     * A new fid on {@code path}; the caller closes it. Symbolic links on the way to the last
     * name are followed (the servers do not: a walk through one fails), the last name is not.
     */
    public Fid walk(RemotePath path) throws IOException {
        return LinkWalker.walk(this, path.names(), false);
    }

    /** As {@link #walk}, and if the last name is a symbolic link, what it points to (cat, get). */
    public Fid walkFollowing(RemotePath path) throws IOException {
        return LinkWalker.walk(this, path.names(), true);
    }

    /** A new fid on the directory that holds {@code path} (followed if it is reached through a link). */
    public Fid walkParent(RemotePath path) throws IOException {
        return LinkWalker.walk(this, path.parentNames(), true);
    }

    /** The target of the symbolic link {@code f} is on, in any dialect that has links. */
    public String readlink(Fid f) throws IOException {
        return dialect() == Dialect.P9P2000_L ? f.readlink() : f.stat().extension();
    }

    /** The attributes of the file {@code f} is on (every field 9P2000.L has; the stat of 9P2000/.u). */
    public FileInfo info(Fid f) throws IOException {
        if (dialect() == Dialect.P9P2000_L) {
            Attr a = f.getattr(Attr.ALL);
            String target = null;
            if (LinuxFileMode.isSymlink(a.mode())) {
                target = f.readlink();
            }
            return FileInfo.of(a, target);
        }
        return FileInfo.of(f.stat());
    }

    /** The attributes of {@code path}. */
    public FileInfo info(RemotePath path) throws IOException {
        try (Fid f = walk(path)) {
            return info(f);
        }
    }

    /** One directory entry, with its attributes when the directory read carried them (9P2000, 9P2000.u). */
    public record Entry(String name, int type, io.ninep.protocol.message.Qid qid, FileInfo info) {
        public boolean isDirectory() {
            return info != null ? info.isDirectory() : type == DirEntry.DT_DIR || qid.isDirectory();
        }

        public boolean isSymlink() {
            return info != null ? info.isSymlink() : type == DirEntry.DT_LNK || qid.isSymlink();
        }

        public Entry with(FileInfo i) {
            return new Entry(name, type, qid, i);
        }
    }

    /** Every entry of the directory {@code dir} is on, in the server's order ("." and ".." as the server sends them). */
    public List<Entry> list(Fid dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try {
            if (dialect() == Dialect.P9P2000_L) {
                try (DirectoryStream<DirEntry> s = dir.list()) {
                    for (DirEntry e : s) {
                        entries.add(new Entry(e.name(), e.type(), e.qid(), null));
                    }
                }
            } else {
                try (Fid d = dir.walk()) {
                    d.topen(Topen.OREAD);
                    try (DirectoryStream<Stat> s = d.readStats()) {
                        for (Stat st : s) {
                            entries.add(new Entry(st.name(), io.ninep.client.FileModes.direntType(st.qid()), st.qid(),
                                    FileInfo.of(st)));
                        }
                    }
                }
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return entries;
    }

    /** What {@link #infos} found for one entry: its attributes, or why they could not be read. */
    public record Found(Entry entry, IOException error) {}

    /**
     * The entries with their attributes, reading those the directory did not carry with up to
     * {@value #PARALLEL_INFO} walk-getattr-clunk sequences in flight. "." is the directory
     * itself and ".." its parent (walk(5): the root's parent is the root).
     */
    public List<Found> infos(Fid dir, List<Entry> entries) throws IOException {
        List<CompletableFuture<FileInfo>> pending = new ArrayList<>(entries.size());
        Semaphore slots = new Semaphore(PARALLEL_INFO);
        try {
            for (Entry e : entries) {
                if (e.info() != null) {
                    pending.add(CompletableFuture.completedFuture(e.info()));
                    continue;
                }
                slots.acquire();
                CompletableFuture<FileInfo> f = session.async(() -> {
                    try (Fid child = e.name().equals(".") ? dir.walk() : dir.walk(e.name())) {
                        return info(child);
                    }
                });
                f.whenComplete((v, x) -> slots.release());
                pending.add(f);
            }
            List<Found> found = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                try {
                    found.add(new Found(entries.get(i).with(pending.get(i).get()), null));
                } catch (ExecutionException x) {
                    Throwable c = x.getCause();
                    if (c instanceof IOException io) {
                        found.add(new Found(entries.get(i), io));
                    } else if (c instanceof RuntimeException r) {
                        throw r;
                    } else {
                        throw new IOException(c);
                    }
                }
            }
            return found;
        } catch (InterruptedException e) {
            pending.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    // ---- Making files, in any dialect; 9P2000.L's new files get this process's group, as Linux's client gives them ----

    /** Creates {@code name} in {@code dir}, open with {@code flags}; the caller closes the fid returned. */
    public Fid create(Fid dir, String name, int flags, int mode) throws IOException {
        if (dialect() != Dialect.P9P2000_L) {
            return dir.create(name, flags, mode);
        }
        Fid f = dir.walk();
        try {
            f.lcreate(name, flags, mode, GID);
            return f;
        } catch (IOException | RuntimeException e) {
            try {
                f.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Makes directory {@code name} in {@code dir}. */
    public void mkdir(Fid dir, String name, int mode) throws IOException {
        if (dialect() == Dialect.P9P2000_L) {
            dir.mkdir(name, mode, GID);
        } else {
            dir.mkdir(name, mode);
        }
    }

    /** Makes {@code name} in {@code dir} a symbolic link to {@code target} (9P2000.L, or 9P2000.u's DMSYMLINK). */
    public void symlink(Fid dir, String name, String target) throws IOException {
        switch (dialect()) {
            case P9P2000_L -> dir.symlink(name, target, GID);
            case P9P2000_U -> {
                try (Fid f = dir.walk()) {
                    f.tcreate(name, Stat.DMSYMLINK | 0777, Topen.OREAD, target);
                }
            }
            case P9P2000 -> throw unsupported("symbolic links");
        }
    }

    /** Makes {@code name} in {@code dir} a hard link to the file {@code file} is on (9P2000.L, or 9P2000.u's DMLINK). */
    public void link(Fid dir, Fid file, String name) throws IOException {
        switch (dialect()) {
            case P9P2000_L -> dir.link(file, name);
            case P9P2000_U -> {
                try (Fid f = dir.walk()) {
                    f.tcreate(name, Stat.DMLINK, Topen.OREAD, Integer.toUnsignedString(file.number()));
                }
            }
            case P9P2000 -> throw unsupported("hard links");
        }
    }

    private RemoteErrorException unsupported(String what) {
        return new RemoteErrorException(MessageType.TCREATE, Errno.EOPNOTSUPP.number(), "9P2000 has no " + what);
    }

    private static final int GID = ProcessIds.gid();

    /** Quirks the client tolerated, for --verbose. */
    public List<Quirk> quirks() {
        return session.quirks();
    }

    @Override
    public void close() {
        try {
            root.close();
        } catch (IOException | RuntimeException e) {
            // the session goes next anyway
        }
        closeQuietly(session);
        watchdog.close();
    }
}
