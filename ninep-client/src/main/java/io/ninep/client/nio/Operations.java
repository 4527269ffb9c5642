package io.ninep.client.nio;

import io.ninep.client.Fid;
import io.ninep.client.FileModes;
import io.ninep.client.Session;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.Errno;
import io.ninep.protocol.message.Stat;
import io.ninep.protocol.message.Topen;
import io.ninep.protocol.message.Tunlinkat;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;

/**
 * What the provider's calls do, for one file system. Each call looks its path up from the root
 * ({@link Resolver}), does its work on the fid it got, and clunks it without waiting; failures
 * become java.nio.file exceptions naming the call's path(s) ({@link Errors}).
 *
 * <p>Round trips, for a path of up to 16 names and no links on the way (each fid used for one
 * call is clunked without waiting): readAttributes, checkAccess with modes, readSymbolicLink,
 * and isSameFile per path: 2 (Twalk, Tgetattr). A missing file: 1, or 3 if the walk stopped
 * beyond the first name (the exception carries the server's reason). createDirectory,
 * createSymbolicLink, delete: 2 (Twalk to the directory, then Tmkdir, Tsymlink or Tunlinkat).
 * Opening an existing file: 2 (Twalk, Tlopen), 3 with TRUNCATE_EXISTING; creating one: 3 or 4.
 */
final class Operations {
    private final NinepFileSystem fs;
    private final Resolver resolver;
    private final Opening opening;

    Operations(NinepFileSystem fs) {
        this.fs = fs;
        this.resolver = new Resolver(fs);
        this.opening = new Opening(this);
    }

    /** Opening files: channels, streams, creation. */
    Opening opening() {
        return opening;
    }

    Resolver resolver() {
        return resolver;
    }

    NinepFileSystem fs() {
        return fs;
    }

    private Session session() {
        return fs.session();
    }

    boolean dotL() {
        return session().dialect() == Dialect.P9P2000_L;
    }

    private IOException translate(IOException e, Object file, Object other) {
        return Errors.translate(fs, e, file, other);
    }

    // ---- Directories ----

    DirectoryStream<Path> newDirectoryStream(NinepPath dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        try {
            Fid f = resolver.walk(dir, true);
            try {
                if (!f.qid().isDirectory()) {
                    throw new NotDirectoryException(dir.toString());
                }
                return new NinepDirectoryStream(fs, dir, f.list(), filter);
            } finally {
                Fids.release(f);
            }
        } catch (IOException e) {
            throw translate(e, dir, null);
        }
    }

    void createDirectory(NinepPath dir, FileAttribute<?>... attrs) throws IOException {
        int mode = Attributes.creationMode(attrs, 0777) & ~fs.settings().umask();
        try {
            Resolver.Missing p = resolver.parent(dir, Errno.EEXIST);
            try {
                if (dotL()) {
                    p.parent().mkdir(p.name(), mode, fs.settings().gid());
                } else {
                    p.parent().mkdir(p.name(), mode);
                }
            } finally {
                Fids.release(p.parent());
            }
        } catch (IOException e) {
            throw translate(e, dir, null);
        }
    }

    // ---- Links ----

    void createSymbolicLink(NinepPath link, NinepPath target, FileAttribute<?>... attrs) throws IOException {
        if (attrs.length > 0) {
            throw new UnsupportedOperationException("'" + attrs[0].name() + "' cannot be set on a symbolic link");
        }
        if (session().dialect() == Dialect.P9P2000) {
            throw new UnsupportedOperationException("9P2000 has no symbolic links (9P2000.u and .L do)");
        }
        try {
            Resolver.Missing p = resolver.parent(link, Errno.EEXIST);
            try {
                if (dotL()) {
                    p.parent().symlink(p.name(), target.toString(), fs.settings().gid());
                } else {
                    try (Fid c = p.parent().walk()) {
                        c.tcreate(p.name(), Stat.DMSYMLINK | 0777, Topen.OREAD, target.toString());
                    }
                }
            } finally {
                Fids.release(p.parent());
            }
        } catch (IOException e) {
            throw translate(e, link, target);
        }
    }

    /** A hard link; like link(2) on Linux, an existing symbolic link is linked, not followed. */
    void createLink(NinepPath link, NinepPath existing) throws IOException {
        if (session().dialect() == Dialect.P9P2000) {
            throw new UnsupportedOperationException("9P2000 has no hard links (9P2000.u and .L do)");
        }
        try {
            Fid e = resolver.walk(existing, false);
            try {
                Resolver.Missing p = resolver.parent(link, Errno.EEXIST);
                try {
                    if (dotL()) {
                        p.parent().link(e, p.name());
                    } else {   // 9P2000.u: a DMLINK file whose extension names the fid
                        try (Fid c = p.parent().walk()) {
                            c.tcreate(p.name(), Stat.DMLINK, Topen.OREAD, Integer.toUnsignedString(e.number()) + "\n");
                        }
                    }
                } finally {
                    Fids.release(p.parent());
                }
            } finally {
                Fids.release(e);
            }
        } catch (IOException e) {
            throw translate(e, link, existing);
        }
    }

    NinepPath readSymbolicLink(NinepPath link) throws IOException {
        try {
            Fid f = resolver.walk(link, false);
            try {
                if (!f.qid().isSymlink()) {
                    throw new NotLinkException(link.toString());
                }
                return NinepPath.parse(fs, resolver.readLink(f));
            } finally {
                Fids.release(f);
            }
        } catch (IOException e) {
            throw translate(e, link, null);
        }
    }

    // ---- Removing ----

    void delete(NinepPath path) throws IOException {
        try {
            boolean isRoot = path.toAbsolutePath().normalize().getNameCount() == 0;
            Resolver.Missing p = resolver.parent(path, isRoot ? Errno.EBUSY : Errno.EINVAL);
            try {
                removeEntry(p.parent(), p.name(), null, path);
            } finally {
                Fids.release(p.parent());
            }
        } catch (IOException e) {
            throw translate(e, path, null);
        }
    }

    /**
     * Removes {@code name} from {@code dir}: Tunlinkat (or the client's fallback), as a file
     * first and as a directory if the server says it is one, unless {@code directory} says
     * which; ENOTEMPTY and EEXIST (which POSIX allows for it) are DirectoryNotEmptyException
     * naming {@code path}.
     */
    void removeEntry(Fid dir, String name, Boolean directory, NinepPath path) throws IOException {
        try {
            if (dotL()) {
                if (directory == null) {
                    try {
                        dir.unlinkat(name, 0);
                    } catch (IOException e) {
                        if (!Errors.is(e, Errno.EISDIR)) {
                            throw e;
                        }
                        dir.unlinkat(name, Tunlinkat.AT_REMOVEDIR);
                    }
                } else {
                    dir.unlinkat(name, directory ? Tunlinkat.AT_REMOVEDIR : 0);
                }
            } else {
                dir.delete(name, Boolean.TRUE.equals(directory));
            }
        } catch (IOException e) {
            if (Errors.is(e, Errno.ENOTEMPTY) || Errors.is(e, Errno.EEXIST)) {
                DirectoryNotEmptyException x = new DirectoryNotEmptyException(path.toString());
                x.initCause(e);
                throw x;
            }
            throw e;
        }
    }

    // ---- Copying and moving within this file system ----

    void copy(NinepPath source, NinepPath target, Options.Copy o) throws IOException {
        try {
            Copying.copy(this, source, target, o);
        } catch (IOException e) {
            throw translate(e, source, target);
        }
    }

    void move(NinepPath source, NinepPath target, Options.Copy o) throws IOException {
        try {
            Copying.move(this, source, target, o);
        } catch (IOException e) {
            throw translate(e, source, target);
        }
    }

    // ---- Attributes ----

    /** The attributes of the file on {@code f}: Tgetattr, or Tstat in 9P2000 and .u. */
    NinepAttributes attributes(Fid f) throws IOException {
        if (dotL()) {
            return new NinepAttributes(f.getattr(io.ninep.protocol.message.Attr.ALL), null, null);
        }
        Stat s = f.stat();
        return new NinepAttributes(FileModes.toAttr(s), s.uid(), s.gid());
    }

    NinepAttributes attributes(NinepPath path, boolean follow) throws IOException {
        try {
            Fid f = resolver.walk(path, follow);
            try {
                return attributes(f);
            } finally {
                Fids.release(f);
            }
        } catch (IOException e) {
            throw translate(e, path, null);
        }
    }

    <A extends BasicFileAttributes> A readAttributes(NinepPath path, Class<A> type, boolean follow)
            throws IOException {
        if (!type.isAssignableFrom(NinepAttributes.class)) {
            throw new UnsupportedOperationException(type.getName() + " is not supported (basic, posix and ninep are)");
        }
        return type.cast(attributes(path, follow));
    }

    Map<String, Object> readAttributes(NinepPath path, String attributes, boolean follow) throws IOException {
        return AttributeViews.read(this, path, attributes, follow);
    }

    void setAttribute(NinepPath path, String attribute, Object value, boolean follow) throws IOException {
        AttributeViews.set(this, path, attribute, value, follow);
    }

    /** Applies a change to the file at {@code path}: Tsetattr, or Twstat in 9P2000 and .u. */
    void change(NinepPath path, boolean follow, Attributes.Change change) throws IOException {
        try {
            Fid f = resolver.walk(path, follow);
            try {
                change.apply(f, dotL());
            } finally {
                Fids.release(f);
            }
        } catch (IOException e) {
            throw translate(e, path, null);
        }
    }

    // ---- Questions ----

    boolean isSameFile(NinepPath a, NinepPath b) throws IOException {
        long pa = qidPath(a);
        return pa == qidPath(b);
    }

    private long qidPath(NinepPath p) throws IOException {
        try {
            Fid f = resolver.walk(p, true);
            Fids.release(f);
            return f.qid().path();
        } catch (IOException e) {
            throw translate(e, p, null);
        }
    }

    NinepFileStore fileStore(NinepPath path) throws IOException {
        qidPath(path);   // it must exist
        return new NinepFileStore(fs, path.toAbsolutePath());
    }

    /**
     * Whether the file exists and, as far as the client can tell from its mode, owner and group,
     * allows {@code modes}. The client cannot know everything the server will decide: the
     * user's supplementary groups on the server, ACLs, a read-only export, or a server that
     * does not act as the attached user (a server run by an ordinary user acts as that user).
     * So access is denied only when the mode bits certainly deny it: the attached uid
     * (n_uname) owns the file and its owner bits lack the mode; or the gid this file system
     * creates files with matches the file's and the group bits lack it; or neither the group nor
     * the other bits grant it. uid 0 may read and write anything, and execute what has any x
     * bit (or is a directory). Without a known n_uname, only the file's existence is checked
     * plus whether any class grants the mode. The server's answer to the real operation is
     * what counts.
     */
    void checkAccess(NinepPath path, AccessMode... modes) throws IOException {
        if (modes.length == 0) {
            qidPath(path);
            return;
        }
        NinepAttributes a = attributes(path, true);
        int mode = a.mode();
        int uid = fs.key().nUname();
        for (AccessMode m : modes) {
            int bit = switch (m) {
                case READ -> 4;
                case WRITE -> 2;
                case EXECUTE -> 1;
            };
            if (!Access.allows(mode, a.uid(), a.gid(), a.attr().has(io.ninep.protocol.message.Attr.UID), uid,
                    fs.settings().gid(), bit)) {
                throw new AccessDeniedException(path.toString(), null, "mode " + Integer.toOctalString(mode & 07777)
                        + " denies " + m.name().toLowerCase(java.util.Locale.ROOT) + " to uid "
                        + Integer.toUnsignedString(uid));
            }
        }
    }

    /** See {@link NinepPath#toRealPath}. */
    NinepPath realPath(NinepPath path, boolean follow) throws IOException {
        if (follow) {
            try {
                Resolver.Found f = resolver.find(path, true);
                Fids.release(f.fid());
                return new NinepPath(fs, "/" + String.join("/", f.names()));
            } catch (IOException e) {
                throw translate(e, path, null);
            }
        }
        // As the JDK: drop ".", and ".." after a name that is neither a link nor "..".
        NinepPath result = fs.root();
        boolean afterDotDot = false;
        for (String name : path.toAbsolutePath().names()) {
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!afterDotDot && !attributes(result, false).isSymbolicLink()) {
                    NinepPath parent = result.getParent();
                    result = parent == null ? fs.root() : parent;
                    continue;
                }
                afterDotDot = true;
            } else {
                afterDotDot = false;
            }
            result = result.resolve(name);
        }
        attributes(result, false);   // it must exist
        return result;
    }

    /** Deletes with the JDK's semantics for DELETE_ON_CLOSE: quietly if already gone. */
    void deleteQuietly(NinepPath path) throws IOException {
        try {
            delete(path);
        } catch (NoSuchFileException gone) {
            // deleted by someone else
        }
    }
}
