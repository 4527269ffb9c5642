package io.ninep.client.nio;

import io.ninep.client.Fid;
import io.ninep.client.FileModes;
import io.ninep.client.OpenFlags;
import io.ninep.protocol.Errno;
import io.ninep.protocol.LinuxOpenFlags;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.List;
import java.util.Set;

/**
 * Opening files for channels and streams, and creating them, with the JDK's semantics for
 * every {@link java.nio.file.StandardOpenOption} ({@link Options.Open}). New files get the
 * requested mode (0666 by default) less the file system's umask, as Linux's v9fs sends it.
 */
final class Opening {
    private final Operations ops;

    Opening(Operations ops) {
        this.ops = ops;
    }

    NinepFileChannel newFileChannel(NinepPath path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        Options.Open o = Options.Open.of(options);
        int mode = Attributes.creationMode(attrs, 0666) & ~ops.fs().settings().umask();
        Fid f = open(path, o, mode);
        return new NinepFileChannel(ops, path, f, o);
    }

    InputStream newInputStream(NinepPath path, Set<? extends OpenOption> options) throws IOException {
        Options.Open o = Options.Open.of(options);
        return new NinepInputStream(ops, path, open(path, o, 0), o.deleteOnClose());
    }

    OutputStream newOutputStream(NinepPath path, Set<? extends OpenOption> options) throws IOException {
        Options.Open o = Options.Open.of(options);
        Fid f = open(path, o, 0666 & ~ops.fs().settings().umask());
        return new NinepOutputStream(ops, path, f, o);
    }

    /**
     * Opens (and, as the options say, creates) the file, on a fid of its own. CREATE_NEW walks
     * to the directory, checks that the name is free (as Linux's lookup does before its Tlcreate;
     * nfs-ganesha ignores O_EXCL and would open an existing file) and sends Tlcreate with O_EXCL.
     * CREATE looks the file up first and creates it only if it is missing, trying again if
     * another client made it in between. A dangling link is followed to the name it points at,
     * which is created (as open(2) does). TRUNCATE_EXISTING is a Tsetattr of the size after
     * Tlopen, as Linux's VFS does it (nfs-ganesha ignores O_TRUNC in Tlopen).
     */
    Fid open(NinepPath path, Options.Open o, int mode) throws IOException {
        try {
            if (o.createNew()) {
                Resolver.Missing p = ops.resolver().parent(path, Errno.EEXIST);
                try {
                    if (ops.dotL()) {
                        // As Linux's lookup before its Tlcreate: nfs-ganesha ignores O_EXCL and opens an existing file.
                        Fid.Walked there = p.parent().walkPartial(List.of(p.name()));
                        if (there.complete()) {
                            Fids.release(there.fid());
                            throw new FileAlreadyExistsException(path.toString());
                        }
                    }
                    return create(p.parent(), p.name(), o.linuxFlags(), mode);
                } finally {
                    Fids.release(p.parent());
                }
            }
            for (int attempt = 0; ; attempt++) {
                switch (ops.resolver().lookup(path, o.followLast(), o.create())) {
                    case Resolver.Found found -> {
                        Fid f = found.fid();
                        try {
                            if (f.qid().isSymlink()) {   // NOFOLLOW_LINKS (or DELETE_ON_CLOSE) on a link
                                throw new FileSystemException(path.toString(), null,
                                        "Too many levels of symbolic links (NOFOLLOW_LINKS specified)");
                            }
                            if (o.write() && f.qid().isDirectory()) {   // as Linux's VFS decides before asking
                                throw Errors.errno(Errno.EISDIR, path, null);
                            }
                            if (o.truncate() && ops.dotL()) {
                                // As Linux's VFS: open, then Tsetattr of the size. nfs-ganesha ignores O_TRUNC in Tlopen.
                                f.open(o.linuxFlags() & ~LinuxOpenFlags.O_TRUNC);
                                f.truncate(0);
                            } else {
                                f.open(o.linuxFlags());
                            }
                            return f;
                        } catch (IOException | RuntimeException e) {
                            Fids.release(f);
                            throw e;
                        }
                    }
                    case Resolver.Missing missing -> {
                        try {
                            if (!o.create()) {
                                throw new NoSuchFileException(path.toString());
                            }
                            return create(missing.parent(), missing.name(), o.linuxFlags(), mode);
                        } catch (IOException e) {
                            if (!Errors.is(e, Errno.EEXIST) || attempt >= 3) {
                                throw e;   // a clash with another creator is tried again, from the lookup
                            }
                        } finally {
                            Fids.release(missing.parent());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw Errors.translate(ops.fs(), e, path, null);
        }
    }

    /** Creates {@code name} in {@code dir} exclusively and returns a fid open on it. */
    private Fid create(Fid dir, String name, int flags, int mode) throws IOException {
        Fid f = dir.walk();
        try {
            if (ops.dotL()) {
                f.lcreate(name, flags | LinuxOpenFlags.O_CREAT | LinuxOpenFlags.O_EXCL, mode, ops.fs().settings().gid());
            } else {
                f.tcreate(name, FileModes.toDirMode(mode), OpenFlags.toTopenMode(flags), "");
            }
            return f;
        } catch (IOException | RuntimeException e) {
            Fids.release(f);
            throw e;
        }
    }
}
