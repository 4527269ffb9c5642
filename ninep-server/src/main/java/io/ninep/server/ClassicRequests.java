package io.ninep.server;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.WireString;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rcreate;
import io.ninep.protocol.message.Ropen;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rstat;
import io.ninep.protocol.message.Rwstat;
import io.ninep.protocol.message.SetAttr;
import io.ninep.protocol.message.Stat;
import io.ninep.protocol.message.Tcreate;
import io.ninep.protocol.message.Topen;
import io.ninep.protocol.message.Tstat;
import io.ninep.protocol.message.Twstat;
import io.ninep.server.spi.Created;
import io.ninep.server.spi.FileMode;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.OpenFile;
import io.ninep.server.spi.OpenFlags;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests of 9P2000 and 9P2000.u that 9P2000.L replaced (open(5), stat(5), reads of a
 * directory), served through the same SPI as 9P2000.L: Topen becomes open with Linux flags,
 * Tcreate becomes create, mkdir, symlink, link or mknod, Tstat a getattr turned into a stat,
 * Twstat a setattr and a rename, and a directory read a readdir whose entries are stat'ed.
 */
final class ClassicRequests {
    private final Dispatcher dispatcher;
    private final FidTable fids;

    ClassicRequests(Dispatcher dispatcher, FidTable fids) {
        this.dispatcher = dispatcher;
        this.fids = fids;
    }

    /** open(5): OREAD, OWRITE, ORDWR, OEXEC, with OTRUNC and ORCLOSE. */
    RMessage open(Topen o) throws IOException {
        Fid f = fids.get(o.fid());
        try {
            int mode = o.mode();
            int flags = linuxFlags(mode);
            if (f.isDirectory() && (OpenFlags.writes(flags) || (flags & OpenFlags.O_TRUNC) != 0)) {
                throw new ErrnoException(Errno.EISDIR, "a directory opens only for reading");
            }
            if ((mode & Topen.ORCLOSE) != 0) {
                dispatcher.checkWritable();
            }
            OpenFile file = dispatcher.openFid(f, flags);
            if ((mode & Topen.ORCLOSE) != 0) {
                f.removeOnClose = true;
            }
            return new Ropen(file.qid(), file.ioUnit());
        } finally {
            Dispatcher.release(f);
        }
    }

    static int linuxFlags(int mode) {
        int flags = switch (mode & 3) {
            case Topen.OWRITE -> OpenFlags.O_WRONLY;
            case Topen.ORDWR -> OpenFlags.O_RDWR;
            default -> OpenFlags.O_RDONLY;   // OREAD, OEXEC
        };
        if ((mode & Topen.OTRUNC) != 0) {
            flags |= OpenFlags.O_TRUNC;
        }
        return flags;
    }

    /**
     * create(5): makes {@code name} in the fid's directory and the fid becomes it, open. The
     * permissions follow the directory's as Plan 9 does (perm &amp; (~0666 | dir.perm &amp; 0666) for a
     * file, 0777 for a directory) and the group is the directory's. 9P2000.u adds symlinks,
     * hard links, devices, fifos and sockets, described by the extension string.
     */
    RMessage create(Tcreate c) throws IOException {
        dispatcher.checkWritable();
        Dispatcher.checkName(c.name());
        Fid dir = fids.get(c.fid());
        try {
            if (dir.open() != null) {
                throw new ErrnoException(Errno.EBADF, "fid " + Integer.toUnsignedString(c.fid()) + " is open");
            }
            FileNode node = Dispatcher.node(dir);
            Attr dirAttr = node.getattr(Attr.MODE | Attr.GID);
            int perm = c.perm();
            boolean unix = dispatcher.dialect() == Dialect.P9P2000_U;
            int gid = dirAttr.gid();
            Created made;
            if ((perm & Stat.DMDIR) != 0) {
                int mode = perm & (~0777 | (dirAttr.mode() & 0777)) & 0777;
                node.mkdir(c.name(), mode, gid);
                FileNode made1 = walkTo(node, c.name());
                made = openCreated(made1, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY);
            } else {
                int mode = perm & (~0666 | (dirAttr.mode() & 0666)) & 0777;
                if (unix && (perm & Stat.DMSYMLINK) != 0) {
                    node.symlink(c.name(), c.extension(), gid);
                    made = unopened(walkTo(node, c.name()));
                } else if (unix && (perm & Stat.DMLINK) != 0) {
                    Fid target = fids.get(parseFid(c.extension()));
                    try {
                        node.link(c.name(), Dispatcher.node(target));
                    } finally {
                        Dispatcher.release(target);
                    }
                    made = unopened(walkTo(node, c.name()));
                } else if (unix && (perm & (Stat.DMDEVICE | Stat.DMNAMEDPIPE | Stat.DMSOCKET)) != 0) {
                    int[] dev = {0, 0};
                    int type = specialType(perm, c.extension(), dev);
                    node.mknod(c.name(), type | mode, dev[0], dev[1], gid);
                    made = unopened(walkTo(node, c.name()));
                } else {
                    int flags = linuxFlags(c.mode()) | OpenFlags.O_CREAT | OpenFlags.O_EXCL;
                    made = node.create(c.name(), flags, mode, gid);
                }
            }
            Fid next = dispatcher.becomeCreated(dir, made, c.name());
            if ((c.mode() & Topen.ORCLOSE) != 0) {
                next.removeOnClose = true;
            }
            return new Rcreate(next.qid, made.file().ioUnit());
        } finally {
            Dispatcher.release(dir);
        }
    }

    private static FileNode walkTo(FileNode dir, String name) throws IOException {
        List<FileNode> nodes = dir.walk(List.of(name));
        if (nodes.size() != 1) {
            nodes.forEach(FileNode::release);
            throw new ErrnoException(Errno.ENOENT, name + " vanished right after it was made");
        }
        return nodes.getFirst();
    }

    private static Created openCreated(FileNode node, int flags) throws IOException {
        try {
            return new Created(node, node.open(flags));
        } catch (IOException | RuntimeException e) {
            node.release();
            throw e;
        }
    }

    /** A symlink, link or special file made by Tcreate: the fid refers to it but does no I/O. */
    private static Created unopened(FileNode node) throws IOException {
        Qid qid;
        try {
            qid = node.qid();
        } catch (IOException | RuntimeException e) {
            node.release();
            throw e;
        }
        return new Created(node, new OpenFile() {
            @Override
            public Qid qid() {
                return qid;
            }
        });
    }

    private static int parseFid(String extension) throws ErrnoException {
        try {
            return Integer.parseUnsignedInt(extension.trim());
        } catch (NumberFormatException e) {
            throw new ErrnoException(Errno.EINVAL, "link extension '" + extension + "' is not a fid number");
        }
    }

    /** The S_IF* type of a 9P2000.u special file; for a device, its numbers from "b 8 1" or "c 1 3". */
    private static int specialType(int perm, String extension, int[] dev) throws ErrnoException {
        if ((perm & Stat.DMNAMEDPIPE) != 0) {
            return FileMode.S_IFIFO;
        }
        if ((perm & Stat.DMSOCKET) != 0) {
            return FileMode.S_IFSOCK;
        }
        String[] parts = extension.trim().split("\\s+");
        if (parts.length != 3 || !(parts[0].equals("b") || parts[0].equals("c"))) {
            throw new ErrnoException(Errno.EINVAL, "device extension '" + extension + "' is not 'b|c MAJOR MINOR'");
        }
        try {
            dev[0] = Integer.parseInt(parts[1]);
            dev[1] = Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            throw new ErrnoException(Errno.EINVAL, "device extension '" + extension + "' has a bad number");
        }
        return parts[0].equals("b") ? FileMode.S_IFBLK : FileMode.S_IFCHR;
    }

    RMessage stat(Tstat s) throws IOException {
        Fid f = fids.get(s.fid());
        try {
            return new Rstat(statOf(Dispatcher.node(f), f.name));
        } finally {
            Dispatcher.release(f);
        }
    }

    Stat statOf(FileNode node, String name) throws IOException {
        Attr a = node.getattr(Attr.BASIC);
        Dialect d = dispatcher.dialect();
        String extension = "";
        if (d == Dialect.P9P2000_U) {
            int type = a.mode() & FileMode.S_IFMT;
            if (type == FileMode.S_IFLNK) {
                extension = node.readlink();
            } else if (type == FileMode.S_IFCHR || type == FileMode.S_IFBLK) {
                long rdev = a.rdev();
                extension = (type == FileMode.S_IFBLK ? "b " : "c ") + ((rdev >>> 8) & 0xFFF) + " "
                        + ((rdev & 0xFF) | ((rdev >>> 12) & 0xFFF00));
            }
        }
        return StatMapping.toStat(a, name, d, extension);
    }

    /**
     * wstat(5): each field that is not "don't touch" is changed; a stat that changes nothing asks
     * for the file to be committed to stable storage.
     */
    RMessage wstat(Twstat w) throws IOException {
        Fid f = fids.get(w.fid());
        try {
            FileNode node = Dispatcher.node(f);
            Stat s = w.stat();
            boolean unix = dispatcher.dialect() == Dialect.P9P2000_U;
            Attr current = node.getattr(Attr.MODE | Attr.UID | Attr.GID);
            SetAttr changes = StatMapping.toSetAttr(s, current, unix);
            boolean renames = !s.name().isEmpty() && !s.name().equals(f.name);
            if (changes.valid() == 0 && !renames) {
                if (StatMapping.changesNothing(s)) {
                    OpenFile file = f.open();
                    if (file != null) {
                        file.fsync(false);
                    }
                }
                return Rwstat.INSTANCE;
            }
            dispatcher.checkWritable();
            if (renames) {
                Dispatcher.checkName(s.name());
            }
            if (changes.valid() != 0) {
                node.setattr(changes);
            }
            if (renames) {
                if (f.parent == null) {
                    throw new RequestError(f.name.equals("/") ? Errno.EBUSY : Errno.EINVAL,
                            f.name.equals("/") ? "the root cannot be renamed"
                                    : "rename needs a fid walked to the file by name from its directory");
                }
                node.rename(f.parent, s.name());
            }
            return Rwstat.INSTANCE;
        } finally {
            Dispatcher.release(f);
        }
    }

    /**
     * A read of an open directory (read(5)): whole stat entries, as many as fit; the offset is 0
     * to start over or where the previous read ended. The readdir cookie of the last entry sent
     * is kept in the fid, so the next read continues after it.
     */
    RMessage readDirectory(Request r, Fid f, OpenFile file, long offset, int count) throws IOException {
        Dialect d = dispatcher.dialect();
        Fid.DirectoryRead at = f.directoryRead();
        at.lock.lock();
        try {
            if (offset == 0) {
                at.cookie = 0;
                at.nextOffset = 0;
            } else if (offset != at.nextOffset) {
                throw new RequestError(Errno.EINVAL, "bad offset in directory read: " + Long.toUnsignedString(offset)
                        + ", expected 0 or " + at.nextOffset);
            }
            List<Found> found = new ArrayList<>();
            int perEntry = 49 + (d == Dialect.P9P2000_U ? 14 : 0);
            int[] budget = {count};
            file.readdir(at.cookie, (qid, next, type, name) -> {
                int least = perEntry + WireString.encodedLength(name);
                if (least > budget[0] && !found.isEmpty()) {
                    return false;
                }
                budget[0] -= least;
                found.add(new Found(name, next));
                return true;
            });
            ByteBuffer buf = r.replyBuffer(count);
            buf.limit(count);
            FileNode dir = Dispatcher.node(f);
            for (Found e : found) {
                String name = e.name();
                if (name.equals(".") || name.equals("..")) {
                    at.cookie = e.next();
                    continue;
                }
                Stat stat;
                try {
                    FileNode child = walkTo(dir, name);
                    try {
                        stat = statOf(child, name);
                    } finally {
                        child.release();
                    }
                } catch (ErrnoException gone) {
                    at.cookie = e.next();   // gone or hidden since readdir: skip it
                    continue;
                }
                if (stat.encodedSize(d) > buf.remaining()) {
                    if (buf.position() == 0) {
                        throw new RequestError(Errno.EINVAL, "read count " + count + " is too small for the next directory entry ("
                                + stat.encodedSize(d) + " bytes)");
                    }
                    break;
                }
                stat.encode(buf, d);
                at.cookie = e.next();
            }
            buf.flip();
            at.nextOffset += buf.remaining();
            return new Rread(buf);
        } finally {
            at.lock.unlock();
        }
    }

    /** An entry a directory read found: its name and the cookie that continues after it. */
    private record Found(String name, long next) {
    }
}
