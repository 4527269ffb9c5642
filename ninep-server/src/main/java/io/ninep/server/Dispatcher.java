package io.ninep.server;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.P9;
import io.ninep.protocol.WireString;
import io.ninep.protocol.message.*;
import io.ninep.server.spi.Created;
import io.ninep.server.spi.DirectorySink;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.FileServer;
import io.ninep.server.spi.Identity;
import io.ninep.server.spi.LockRequest;
import io.ninep.server.spi.OpenFile;
import io.ninep.server.spi.OpenFlags;
import io.ninep.server.spi.ReadSpan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Turns each request into calls on the {@link FileServer} SPI and keeps the fid table right
 * afterwards: which fid a walk, attach or create leaves behind, what a clunk or remove takes
 * away. Every fid a handler uses is held with a reference for the length of the call. The
 * 9P2000 and 9P2000.u requests live in {@link ClassicRequests}.
 */
final class Dispatcher {
    /**
     * Reads of at least this many bytes go out from where the backend keeps them (its buffers, a
     * file's mapping, or sendfile) when it offers a span: below it a copy costs less than the
     * span's upkeep, and a copied reply always shares one gathering write with the replies after it.
     */
    static final int SPAN_THRESHOLD = 16 * 1024;
    private static final ByteBuffer NO_DATA = ByteBuffer.allocate(0).asReadOnlyBuffer();
    private final Connection connection;
    private final FileServer fileServer;
    private final FidTable fids;
    private final ServerConfig config;
    private final ClassicRequests classic;

    Dispatcher(Connection connection, FileServer fileServer, FidTable fids, ServerConfig config) {
        this.connection = connection;
        this.fileServer = fileServer;
        this.fids = fids;
        this.config = config;
        this.classic = new ClassicRequests(this, fids);
    }

    RMessage dispatch(Request r) throws IOException {
        return switch (r.message) {
            case Tversion v -> throw new IllegalStateException("Tversion is the reader's");
            case Tflush f -> throw new IllegalStateException("Tflush is the reader's");
            case Tauth a -> throw new RequestError(Errno.EINVAL, "authentication not required");
            case Tattach a -> attach(a);
            case Twalk w -> walk(w);
            case Tlopen o -> lopen(o);
            case Tlcreate c -> lcreate(c);
            case Tread rd -> read(r, rd);
            case Twrite w -> write(r, w);
            case Tclunk c -> clunk(c);
            case Tremove rm -> remove(rm);
            case Tgetattr g -> getattr(g);
            case Tsetattr s -> setattr(s);
            case Tstatfs s -> statfs(s);
            case Treadlink rl -> readlink(rl);
            case Tsymlink s -> symlink(s);
            case Tmknod m -> mknod(m);
            case Tmkdir m -> mkdir(m);
            case Tlink l -> link(l);
            case Trename rn -> rename(rn);
            case Trenameat rn -> renameat(rn);
            case Tunlinkat u -> unlinkat(u);
            case Txattrwalk x -> xattrwalk(x);
            case Txattrcreate x -> xattrcreate(x);
            case Treaddir rd -> readdir(r, rd);
            case Tfsync s -> fsync(s);
            case Tlock l -> lock(l);
            case Tgetlock l -> getlock(l);
            case Topen o -> classic.open(o);
            case Tcreate c -> classic.create(c);
            case Tstat s -> classic.stat(s);
            case Twstat w -> classic.wstat(w);
        };
    }

    Dialect dialect() {
        return connection.negotiatedDialect();
    }

    int msize() {
        return connection.msize();
    }

    void checkWritable() throws ErrnoException {
        if (config.readOnly() || fileServer.isReadOnly()) {
            throw new ErrnoException(Errno.EROFS, Errno.EROFS.text());
        }
    }

    /**
     * A name a request may create or remove in a directory: not empty, ".", "..", and without
     * '/' or NUL. (The SPI promises its backends nothing else.)
     */
    static void checkName(String name) throws ErrnoException {
        if (!isPlainName(name)) {
            throw new ErrnoException(Errno.EINVAL, "'" + name + "' is not a file name");
        }
    }

    /** Whether fids keep their directory: for the dialects that rename with Twstat. */
    boolean keepsParents() {
        return dialect() != Dialect.P9P2000_L;
    }

    static boolean isPlainName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.indexOf('/') < 0 && name.indexOf('\0') < 0;
    }

    static void release(Fid f) {
        if (f != null) {
            FidTable.releaseQuietly(f);
        }
    }

    // ---- session -------------------------------------------------------------------------------

    private RMessage attach(Tattach a) throws IOException {
        if (a.afid() != P9.NOFID) {
            throw new RequestError(Errno.EINVAL, "authentication not required (afid must be NOFID)");
        }
        FileNode root = fileServer.attach(new Identity(a.uname(), a.nUname()), a.aname());
        Fid f;
        try {
            f = new Fid(a.fid(), root, root.qid(), "/");
        } catch (IOException | RuntimeException e) {
            root.release();
            throw e;
        }
        try {
            fids.add(f);
        } catch (ErrnoException e) {
            release(f);
            throw e;
        }
        return new Rattach(f.qid);
    }

    /**
     * walk(5): no names clones the fid; otherwise at most 16 names, and newfid is made only if
     * every name was walked. An error on the first name is an error; later, a shorter Rwalk.
     */
    private RMessage walk(Twalk w) throws IOException {
        Fid from = fids.get(w.fid());
        try {
            boolean sameFid = w.newFid() == w.fid();
            if (sameFid && from.open() != null) {
                throw new ErrnoException(Errno.EBADF, "walk of an open fid to itself");
            }
            List<String> names = w.names();
            if (names.isEmpty()) {
                if (!sameFid) {
                    FileNode parent = keepsParents() && from.parent != null ? from.parent.duplicate() : null;
                    addOrRelease(new Fid(w.newFid(), duplicate(from), from.qid, from.name, parent));
                }
                return new Rwalk(List.of());
            }
            if (names.size() > P9.MAX_WALK_ELEMENTS) {
                throw new RequestError(Errno.EINVAL, "walk of " + names.size() + " names; walk(5) allows at most "
                        + P9.MAX_WALK_ELEMENTS);
            }
            if (from.node == null) {
                throw new ErrnoException(Errno.EBADF, "walk from an extended-attribute fid");
            }
            int valid = 0;
            while (valid < names.size() && isPlainNameOrDotDot(names.get(valid))) {
                valid++;
            }
            if (valid == 0) {
                throw new ErrnoException(Errno.ENOENT, "'" + names.getFirst() + "' is not a name to walk");
            }
            List<FileNode> nodes = from.node.walk(valid == names.size() ? names : names.subList(0, valid));
            Qid[] qids = new Qid[nodes.size()];
            try {
                if (nodes.isEmpty() || nodes.size() > valid) {
                    throw new IllegalStateException("backend walked " + nodes.size() + " of " + valid + " names");
                }
                for (int i = 0; i < qids.length; i++) {
                    qids[i] = nodes.get(i).qid();
                }
            } catch (IOException | RuntimeException e) {
                nodes.forEach(FileNode::release);
                throw e;
            }
            int last = nodes.size() - 1;
            boolean complete = nodes.size() == names.size();
            // 9P2000 renames by Twstat, within the directory the file was walked from: keep it.
            int keep = complete && keepsParents() && !names.get(last).equals("..") ? last - 1 : -2;
            for (int i = 0; i < last; i++) {
                if (i != keep) {
                    nodes.get(i).release();
                }
            }
            FileNode end = nodes.get(last);
            if (!complete) {
                end.release();
            } else {
                FileNode parent = keep >= 0 ? nodes.get(keep) : null;
                if (keep == -1) {
                    try {
                        parent = from.node.duplicate();
                    } catch (IOException | RuntimeException e) {
                        end.release();
                        throw e;
                    }
                }
                Fid next = new Fid(w.newFid(), end, qids[last], names.get(last), parent);
                if (sameFid) {
                    if (!fids.replace(from, next)) {
                        release(next);
                        throw new ErrnoException(Errno.EBADF, "fid " + w.fid() + " was clunked during the walk");
                    }
                } else {
                    addOrRelease(next);
                }
            }
            return new Rwalk(List.of(qids));
        } finally {
            release(from);
        }
    }

    private static boolean isPlainNameOrDotDot(String name) {
        return name.equals("..") || isPlainName(name);
    }

    private static FileNode duplicate(Fid f) throws IOException {
        if (f.node == null) {
            throw new ErrnoException(Errno.EBADF, "an extended-attribute fid cannot be cloned");
        }
        return f.node.duplicate();
    }

    void addOrRelease(Fid f) throws ErrnoException {
        try {
            fids.add(f);
        } catch (ErrnoException e) {
            release(f);
            throw e;
        }
    }

    private RMessage clunk(Tclunk c) throws IOException {
        Fid f = fids.remove(c.fid());
        // clunk(5): the fid is gone even if this fails. An attribute written through it is set
        // now, and its failure is this clunk's answer (the Linux client reports it to setxattr).
        f.release();
        return Rclunk.INSTANCE;
    }

    private RMessage remove(Tremove rm) throws IOException {
        Fid f = fids.remove(rm.fid());
        try {
            checkWritable();
            if (f.node == null) {
                throw new ErrnoException(Errno.EBADF, "an extended-attribute fid cannot be removed");
            }
            f.removeOnClose = false;
            f.node.remove();
        } finally {
            release(f);
        }
        return Rremove.INSTANCE;
    }

    // ---- open, create, I/O -----------------------------------------------------------------------

    private RMessage lopen(Tlopen o) throws IOException {
        Fid f = fids.get(o.fid());
        try {
            OpenFile file = openFid(f, o.flags());
            return new Rlopen(file.qid(), file.ioUnit());
        } finally {
            release(f);
        }
    }

    /** Opens the fid's node and records the open file in the fid. */
    OpenFile openFid(Fid f, int flags) throws IOException {
        if (f.open() != null || f.node == null || f.xattrWrite != null) {
            throw new ErrnoException(Errno.EBADF, "fid " + Integer.toUnsignedString(f.id) + " is already open");
        }
        if (OpenFlags.writes(flags) || (flags & (OpenFlags.O_TRUNC | OpenFlags.O_CREAT)) != 0) {
            checkWritable();
        }
        OpenFile file = f.node.open(flags);
        if (!f.setOpen(file)) {
            file.close();
            throw new ErrnoException(Errno.EBADF, "fid " + Integer.toUnsignedString(f.id) + " is already open");
        }
        return file;
    }

    private RMessage lcreate(Tlcreate c) throws IOException {
        checkWritable();
        checkName(c.name());
        Fid dir = fids.get(c.fid());
        try {
            if (dir.open() != null || dir.node == null) {
                throw new ErrnoException(Errno.EBADF, "fid " + Integer.toUnsignedString(c.fid()) + " is open");
            }
            Created made = dir.node.create(c.name(), c.flags(), c.mode(), c.gid());
            Fid next = becomeCreated(dir, made, c.name());
            return new Rlcreate(next.qid, made.file().ioUnit());
        } finally {
            release(dir);
        }
    }

    /** The fid of a directory becomes the file just created in it, open (Tlcreate, Tcreate). */
    Fid becomeCreated(Fid dir, Created made, String name) throws IOException {
        Fid next;
        try {
            next = new Fid(dir.id, made.node(), made.file().qid(), name,
                    keepsParents() ? dir.node.duplicate() : null);
        } catch (IOException | RuntimeException e) {
            closeQuietly(made.file());
            made.node().release();
            throw e;
        }
        next.setOpen(made.file());
        if (!fids.replace(dir, next)) {
            release(next);
            throw new ErrnoException(Errno.EBADF, "fid " + Integer.toUnsignedString(dir.id) + " was clunked during create");
        }
        return next;
    }

    static void closeQuietly(OpenFile f) {
        try {
            f.close();
        } catch (IOException | RuntimeException ignored) {
            // the request already failed; this is cleanup
        }
    }

    private RMessage read(Request r, Tread rd) throws IOException {
        Fid f = fids.get(rd.fid());
        try {
            int count = (int) Math.min(Integer.toUnsignedLong(rd.count()), msize() - Rread.HEADER_SIZE);
            if (f.xattrValue != null) {
                return readXattr(f.xattrValue, rd.offset(), count);
            }
            OpenFile file = f.openFile();
            if (rd.offset() < 0) {
                throw new ErrnoException(Errno.EINVAL, "offset " + Long.toUnsignedString(rd.offset()) + " is negative");
            }
            if (f.isDirectory() && dialect() != Dialect.P9P2000_L) {
                return classic.readDirectory(r, f, file, rd.offset(), count);
            }
            if (count >= SPAN_THRESHOLD) {
                ReadSpan span = file.bufferSpan(rd.offset(), count);
                if (span == null && connection.transport().sendsFilesDirectly()) {
                    span = file.span(rd.offset(), count);
                }
                if (span != null) {
                    r.span(span);
                    return new Rread(NO_DATA);
                }
            }
            ByteBuffer buf = r.replyBuffer(count);
            int n = file.read(rd.offset(), buf);
            return new Rread(filled(buf, n));
        } finally {
            release(f);
        }
    }

    /** The buffer framed to the {@code n} bytes a backend read into it from position 0. */
    static ByteBuffer filled(ByteBuffer buf, int n) {
        int count = Math.max(0, Math.min(n, buf.capacity()));
        buf.limit(count);
        buf.position(0);
        return buf;
    }

    private static RMessage readXattr(byte[] value, long offset, int count) {
        if (offset < 0 || offset >= value.length) {
            return new Rread(ByteBuffer.allocate(0));
        }
        int n = (int) Math.min(count, value.length - offset);
        return new Rread(ByteBuffer.wrap(value, (int) offset, n));
    }

    /**
     * Twrite. A large payload may still be on the connection ({@link Request#incoming}): a file
     * that can takes it from there, else it is read into a buffer first. A payload nobody took
     * (an error before the write) is skipped by the reader.
     */
    private RMessage write(Request r, Twrite w) throws IOException {
        Fid f = fids.get(w.fid());
        try {
            if (f.xattrWrite != null) {
                return new Rwrite(f.xattrWrite.write(w.offset(), payload(r, w)));
            }
            OpenFile file = f.openFile();
            checkOffset(w.offset());
            if (r.incoming != null && (file.receivesIntoBuffers() || file.receivesDirectly())) {
                return new Rwrite(file.write(w.offset(), r.incoming));
            }
            return new Rwrite(file.write(w.offset(), payload(r, w).duplicate()));
        } finally {
            release(f);
        }
    }

    /** The Twrite's data: its frame's, or read from the connection into a buffer the request holds. */
    private static ByteBuffer payload(Request r, Twrite w) throws IOException {
        if (r.incoming == null) {
            return w.data();
        }
        ByteBuffer data = r.payloadBuffer(r.incoming.count());
        r.incoming.readInto(data);
        return data.flip();
    }

    private static void checkOffset(long offset) throws ErrnoException {
        if (offset < 0) {
            throw new ErrnoException(Errno.EINVAL, "offset " + Long.toUnsignedString(offset) + " is negative");
        }
    }

    private RMessage readdir(Request r, Treaddir rd) throws IOException {
        Fid f = fids.get(rd.fid());
        try {
            OpenFile file = f.openFile();
            int count = (int) Math.min(Integer.toUnsignedLong(rd.count()), msize() - Rreaddir.HEADER_SIZE);
            ByteBuffer buf = r.replyBuffer(count);
            buf.limit(count);
            file.readdir(rd.offset(), new EntryPacker(buf));
            buf.flip();
            return new Rreaddir(buf);
        } finally {
            release(f);
        }
    }

    /** Packs Rreaddir entries, {@code qid[13] offset[8] type[1] name[s]}, straight into the reply buffer. */
    private record EntryPacker(ByteBuffer out) implements DirectorySink {
        @Override
        public boolean add(Qid qid, long offset, int type, String name) {
            int length = WireString.encodedLength(name);
            if (P9.QID_SIZE + 8 + 1 + 2 + length > out.remaining()) {
                return false;
            }
            qid.encode(out);
            out.putLong(offset);
            out.put((byte) type);
            WireString.put(out, name);
            return true;
        }
    }

    private RMessage fsync(Tfsync s) throws IOException {
        Fid f = fids.get(s.fid());
        try {
            OpenFile file = f.open();
            if (file != null) {   // nothing is buffered for a fid that was never opened
                file.fsync(s.dataSync() != 0);
            }
            return Rfsync.INSTANCE;
        } finally {
            release(f);
        }
    }

    private RMessage lock(Tlock l) throws IOException {
        Fid f = fids.get(l.fid());
        try {
            var status = f.openFile().lock(new LockRequest(l.lockType(), l.flags(), l.start(), l.length(),
                    l.procId(), l.clientId()));
            return new Rlock(status.wire());
        } finally {
            release(f);
        }
    }

    private RMessage getlock(Tgetlock l) throws IOException {
        Fid f = fids.get(l.fid());
        try {
            LockRequest held = f.openFile().getlock(new LockRequest(l.lockType(), 0, l.start(), l.length(),
                    l.procId(), l.clientId()));
            return new Rgetlock(held.type(), held.start(), held.length(), held.procId(), held.clientId());
        } finally {
            release(f);
        }
    }

    // ---- attributes and names ------------------------------------------------------------------

    /** The fid's node; EBADF for an extended-attribute fid, which has none of its own to act on. */
    static FileNode node(Fid f) throws ErrnoException {
        if (f.node == null || f.xattrWrite != null) {
            throw new ErrnoException(Errno.EBADF, "fid " + Integer.toUnsignedString(f.id) + " holds an extended attribute");
        }
        return f.node;
    }

    private RMessage getattr(Tgetattr g) throws IOException {
        Fid f = fids.get(g.fid());
        try {
            return new Rgetattr(node(f).getattr(g.requestMask()));
        } finally {
            release(f);
        }
    }

    private RMessage setattr(Tsetattr s) throws IOException {
        checkWritable();
        Fid f = fids.get(s.fid());
        try {
            node(f).setattr(s.changes());
            return Rsetattr.INSTANCE;
        } finally {
            release(f);
        }
    }

    private RMessage statfs(Tstatfs s) throws IOException {
        Fid f = fids.get(s.fid());
        try {
            return new Rstatfs(node(f).statfs());
        } finally {
            release(f);
        }
    }

    private RMessage readlink(Treadlink rl) throws IOException {
        Fid f = fids.get(rl.fid());
        try {
            return new Rreadlink(node(f).readlink());
        } finally {
            release(f);
        }
    }

    private RMessage symlink(Tsymlink s) throws IOException {
        checkWritable();
        checkName(s.name());
        Fid dir = fids.get(s.fid());
        try {
            return new Rsymlink(node(dir).symlink(s.name(), s.target(), s.gid()));
        } finally {
            release(dir);
        }
    }

    private RMessage mknod(Tmknod m) throws IOException {
        checkWritable();
        checkName(m.name());
        Fid dir = fids.get(m.dirFid());
        try {
            return new Rmknod(node(dir).mknod(m.name(), m.mode(), m.major(), m.minor(), m.gid()));
        } finally {
            release(dir);
        }
    }

    private RMessage mkdir(Tmkdir m) throws IOException {
        checkWritable();
        checkName(m.name());
        Fid dir = fids.get(m.dirFid());
        try {
            return new Rmkdir(node(dir).mkdir(m.name(), m.mode(), m.gid()));
        } finally {
            release(dir);
        }
    }

    private RMessage link(Tlink l) throws IOException {
        checkWritable();
        checkName(l.name());
        Fid dir = fids.get(l.dirFid());
        try {
            Fid target = fids.get(l.fid());
            try {
                node(dir).link(l.name(), node(target));
                return Rlink.INSTANCE;
            } finally {
                release(target);
            }
        } finally {
            release(dir);
        }
    }

    private RMessage rename(Trename rn) throws IOException {
        checkWritable();
        checkName(rn.name());
        Fid f = fids.get(rn.fid());
        try {
            Fid dir = fids.get(rn.dirFid());
            try {
                node(f).rename(node(dir), rn.name());
                return Rrename.INSTANCE;
            } finally {
                release(dir);
            }
        } finally {
            release(f);
        }
    }

    private RMessage renameat(Trenameat rn) throws IOException {
        checkWritable();
        checkName(rn.oldName());
        checkName(rn.newName());
        Fid from = fids.get(rn.oldDirFid());
        try {
            Fid to = fids.get(rn.newDirFid());
            try {
                node(from).renameAt(rn.oldName(), node(to), rn.newName());
                return Rrenameat.INSTANCE;
            } finally {
                release(to);
            }
        } finally {
            release(from);
        }
    }

    private RMessage unlinkat(Tunlinkat u) throws IOException {
        checkWritable();
        checkName(u.name());
        Fid dir = fids.get(u.dirFid());
        try {
            node(dir).unlinkAt(u.name(), u.flags());
            return Runlinkat.INSTANCE;
        } finally {
            release(dir);
        }
    }

    // ---- extended attributes -------------------------------------------------------------------

    /** Txattrwalk: newfid reads the value of the attribute, or with no name the list of names. */
    private RMessage xattrwalk(Txattrwalk x) throws IOException {
        Fid f = fids.get(x.fid());
        try {
            FileNode node = node(f);
            byte[] value = x.name().isEmpty() ? node.listxattr() : node.getxattr(x.name());
            Fid reader = Fid.xattrReader(x.newFid(), f.qid, f.name, value);
            if (x.newFid() == x.fid()) {
                if (!fids.replace(f, reader)) {
                    throw new ErrnoException(Errno.EBADF, "fid " + Integer.toUnsignedString(x.fid()) + " was clunked");
                }
            } else {
                addOrRelease(reader);
            }
            return new Rxattrwalk(value.length);
        } finally {
            release(f);
        }
    }

    /**
     * Txattrcreate: the fid becomes a place to write attr_size bytes of the attribute's value;
     * the attribute is set (or, with size 0, removed) when the fid is clunked.
     */
    private RMessage xattrcreate(Txattrcreate x) throws IOException {
        checkWritable();
        Fid f = fids.get(x.fid());
        try {
            if (f.open() != null) {
                throw new ErrnoException(Errno.EBADF, "fid " + Integer.toUnsignedString(x.fid()) + " is open");
            }
            FileNode node = node(f);
            var pending = new Fid.XattrWrite(x.name(), x.attrSize(), x.flags());
            Fid writer = Fid.xattrWriter(f.id, node.duplicate(), f.qid, f.name, pending);
            if (!fids.replace(f, writer)) {
                writer.node.release();
                throw new ErrnoException(Errno.EBADF, "fid " + Integer.toUnsignedString(x.fid()) + " was clunked");
            }
            return Rxattrcreate.INSTANCE;
        } finally {
            release(f);
        }
    }
}
