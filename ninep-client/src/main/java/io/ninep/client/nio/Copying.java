package io.ninep.client.nio;

import io.ninep.client.Fid;
import io.ninep.client.RemoteErrorException;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.Errno;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.message.Stat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;

/**
 * Copy and move within one file system, with the JDK's semantics: the same file is left alone;
 * an existing target is an error unless REPLACE_EXISTING, which removes it first (a directory
 * only if empty); a directory is copied without its entries. A move is one rename (Trenameat,
 * or the client's Trename fallback; in 9P2000 and .u a Twstat of the name, which cannot leave
 * the directory), with a copy and a delete when the server says EXDEV.
 */
final class Copying {
    private Copying() {}

    static void copy(Operations ops, NinepPath source, NinepPath target, Options.Copy o) throws IOException {
        Resolver.Found s = ops.resolver().find(source, o.followLinks());
        try {
            NinepAttributes a = ops.attributes(s.fid());
            if (!clearTarget(ops, a.qid().path(), target, o.replace())) {
                return;
            }
            int mode = a.mode() & 07777;
            if (a.isDirectory()) {
                ops.createDirectory(target, PosixAttr.of(mode));
            } else if (a.isSymbolicLink()) {
                ops.createSymbolicLink(target, NinepPath.parse(ops.fs(), ops.resolver().readLink(s.fid())));
            } else if (a.isRegularFile()) {
                copyContent(ops, s.fid(), target, mode & ~ops.fs().settings().umask());
            } else {
                throw new UnsupportedOperationException("copying " + source + ": only regular files, directories "
                        + "and symbolic links can be copied");
            }
            if (o.copyAttributes()) {
                copyAttributes(ops, a, target);
            }
        } finally {
            Fids.release(s.fid());
        }
    }

    /**
     * Makes room for the target: false if it is the source itself (nothing to do), an error if
     * it exists and may not be replaced, else removed (an empty directory too).
     */
    private static boolean clearTarget(Operations ops, long sourceQid, NinepPath target, boolean replace)
            throws IOException {
        Resolver.Found t = ops.resolver().findIfExists(target, false);
        if (t == null) {
            return true;
        }
        Fids.release(t.fid());
        if (t.fid().qid().path() == sourceQid) {
            return false;
        }
        if (!replace) {
            throw new FileAlreadyExistsException(target.toString());
        }
        ops.delete(target);
        return true;
    }

    private static void copyContent(Operations ops, Fid source, NinepPath target, int mode) throws IOException {
        source.open(LinuxOpenFlags.O_RDONLY);
        Options.Open create = new Options.Open(false, true, false, false, false, true, false, false, false, true);
        Fid out = ops.opening().open(target, create, mode);
        boolean complete = false;
        try {
            ByteBuffer buf = ByteBuffer.allocate(Transfers.chunk(source));
            long offset = 0;
            while (true) {
                buf.clear();
                int n = source.readAll(offset, buf);
                if (n == 0) {
                    break;
                }
                buf.flip();
                out.writeAll(offset, buf);
                offset += n;
                if (n < buf.capacity()) {
                    break;   // readAll is short only at the end of the file
                }
            }
            complete = true;
        } finally {
            out.close();
            if (!complete) {
                ops.deleteQuietly(target);   // as the JDK: no half-copied target
            }
        }
    }

    /** COPY_ATTRIBUTES: owner and group (where allowed), permissions, then the times. */
    static void copyAttributes(Operations ops, NinepAttributes a, NinepPath target) throws IOException {
        if (a.isSymbolicLink()) {
            return;   // a link's own mode and times are not worth a failure
        }
        try {
            ops.change(target, false, Attributes.chown(
                    a.userName() == null ? Principals.user(null, a.uid()) : new Principals.User(a.userName(), -1),
                    a.groupName() == null ? Principals.group(null, a.gid()) : new Principals.Group(a.groupName(), -1)));
        } catch (IOException notAllowed) {
            // as the JDK: the owner is copied if the server allows it
        }
        ops.change(target, false, Attributes.chmod(a.mode() & 07777));
        ops.change(target, false, Attributes.times(a.lastModifiedTime(), a.lastAccessTime()));
    }

    static void move(Operations ops, NinepPath source, NinepPath target, Options.Copy o) throws IOException {
        if (o.atomic()) {
            rename(ops, source, target);
            return;
        }
        Fid s = ops.resolver().walk(source, false);
        Fids.release(s);
        boolean sourceIsDir = s.qid().isDirectory();
        boolean dotL = ops.fs().dialect() == Dialect.P9P2000_L;
        Resolver.Found t = ops.resolver().findIfExists(target, false);
        if (t != null) {
            Fids.release(t.fid());
            if (t.fid().qid().path() == s.qid().path()) {
                return;
            }
            if (!o.replace()) {
                throw new FileAlreadyExistsException(target.toString());
            }
            // A file over a file is one rename, which replaces atomically; anything else first removes the target.
            if (t.fid().qid().isDirectory() || sourceIsDir || !dotL) {
                ops.delete(target);
            }
        }
        try {
            rename(ops, source, target);
        } catch (IOException e) {
            if (!Errors.is(e, Errno.EXDEV) && !(e.getCause() instanceof RemoteErrorException r
                    && r.errno() == Errno.EXDEV.number())) {
                throw e;
            }
            if (sourceIsDir && !isEmpty(ops, source)) {
                throw new DirectoryNotEmptyException(source.toString());
            }
            copy(ops, source, target, new Options.Copy(false, false, true, false));
            ops.delete(source);
        }
    }

    private static boolean isEmpty(Operations ops, NinepPath dir) throws IOException {
        try (DirectoryStream<Path> ds = ops.newDirectoryStream(dir, p -> true)) {
            return !ds.iterator().hasNext();
        }
    }

    /** One rename on the server. */
    private static void rename(Operations ops, NinepPath source, NinepPath target) throws IOException {
        Resolver.Missing from = ops.resolver().parent(source, Errno.EINVAL);
        try {
            Resolver.Missing to = ops.resolver().parent(target, Errno.EINVAL);
            try {
                if (ops.fs().dialect() == Dialect.P9P2000_L) {
                    from.parent().renameat(from.name(), to.parent(), to.name());
                } else if (from.parentNames().equals(to.parentNames())) {
                    try (Fid f = from.parent().walk(from.name())) {
                        f.wstat(Stat.unchanged().withName(to.name()));
                    }
                } else {
                    throw new RemoteErrorException(MessageType.TWSTAT, Errno.EXDEV.number(),
                            "9P2000 renames only within a directory");
                }
            } finally {
                Fids.release(to.parent());
            }
        } finally {
            Fids.release(from.parent());
        }
    }

    /** A "posix:permissions" creation attribute of a mode. */
    record PosixAttr(java.util.Set<java.nio.file.attribute.PosixFilePermission> value)
            implements java.nio.file.attribute.FileAttribute<java.util.Set<java.nio.file.attribute.PosixFilePermission>> {
        static PosixAttr of(int mode) {
            return new PosixAttr(Attributes.permissions(mode));
        }

        @Override
        public String name() {
            return "posix:permissions";
        }
    }
}
