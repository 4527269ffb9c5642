package io.ninep.cli.probe;

import static io.ninep.protocol.LinuxOpenFlags.O_CREAT;
import static io.ninep.protocol.LinuxOpenFlags.O_RDONLY;
import static io.ninep.protocol.LinuxOpenFlags.O_RDWR;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.Errno;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.codec.FcallFormat;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Message;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.Rattach;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rcreate;
import io.ninep.protocol.message.Rlcreate;
import io.ninep.protocol.message.Rlerror;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rmkdir;
import io.ninep.protocol.message.Ropen;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rreaddir;
import io.ninep.protocol.message.Rremove;
import io.ninep.protocol.message.Runlinkat;
import io.ninep.protocol.message.Rversion;
import io.ninep.protocol.message.Rwalk;
import io.ninep.protocol.message.Rwrite;
import io.ninep.protocol.message.Stat;
import io.ninep.protocol.message.TMessage;
import io.ninep.protocol.message.Tattach;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tcreate;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Tlcreate;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Tmkdir;
import io.ninep.protocol.message.Topen;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Treaddir;
import io.ninep.protocol.message.Tremove;
import io.ninep.protocol.message.Tstat;
import io.ninep.protocol.message.Tunlinkat;
import io.ninep.protocol.message.Tversion;
import io.ninep.protocol.message.Twalk;
import io.ninep.protocol.message.Twrite;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection after Tversion and Tattach, with the few file operations the checks need, in
 * whichever dialect was negotiated (Tlcreate/Tmkdir/Treaddir for 9P2000.L, Tcreate/Tread for
 * 9P2000 and 9P2000.u). Tags count up from 1 and fids from 1; fid 0 is the attach root. A step
 * the server refuses is a {@link ProbeFailure} naming the request and the answer.
 */
public final class Session implements AutoCloseable {
    public static final int ROOT = 0;

    private final WireConnection wire;
    private final Dialect dialect;
    private final long msize;
    private final Duration timeout;
    private final int gid;
    private int nextTag = 1;
    private int nextFid = 1;
    private boolean unlinkat = true;

    private Session(WireConnection wire, Dialect dialect, long msize, Duration timeout, int gid) {
        this.wire = wire;
        this.dialect = dialect;
        this.msize = msize;
        this.timeout = timeout;
        this.gid = gid;
    }

    /** Negotiates {@code dialect} at {@code msize} and attaches fid {@link #ROOT}. */
    public static Session open(WireConnection wire, Dialect dialect, long msize, ProbeOptions o)
            throws IOException, ProbeFailure, InterruptedException {
        Rversion rv = version(wire, msize, dialect.versionString(), o.timeout());
        if (!rv.version().equals(dialect.versionString())) {
            throw new ProbeFailure("asked for " + dialect + " and got '" + rv.version() + "'");
        }
        return attach(wire, dialect, Integer.toUnsignedLong(rv.msize()), o);
    }

    /** Attaches fid {@link #ROOT} on a connection whose Tversion settled {@code dialect} and {@code msize}. */
    public static Session attach(WireConnection wire, Dialect dialect, long msize, ProbeOptions o)
            throws IOException, ProbeFailure, InterruptedException {
        Session s = new Session(wire, dialect, msize, o.timeout(), o.gid());
        s.call(new Tattach(ROOT, P9.NOFID, o.uname(), o.aname(),
                dialect.hasUnixExtensions() ? o.nUname() : P9.NONUNAME), Rattach.class);
        return s;
    }

    /** Sends Tversion and returns the Rversion, switching the connection to its dialect and msize. */
    public static Rversion version(WireConnection wire, long msize, String version, Duration timeout)
            throws IOException, ProbeFailure, InterruptedException {
        wire.expectMsize(msize);
        wire.send(P9.NOTAG, new Tversion((int) msize, version));
        Incoming in = wire.next(timeout);
        if (!(in instanceof Incoming.Reply r && r.body() instanceof Rversion rv)) {
            throw new ProbeFailure("Tversion(" + msize + ", '" + version + "') was answered by " + describe(in));
        }
        wire.expectMsize(Integer.toUnsignedLong(rv.msize()));
        Dialect.fromVersionString(rv.version()).ifPresent(wire::dialect);
        return rv;
    }

    public WireConnection wire() {
        return wire;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The msize the server answered. */
    public long msize() {
        return msize;
    }

    public Duration timeout() {
        return timeout;
    }

    /** A fresh tag (never NOTAG). */
    public int tag() {
        int t = nextTag;
        nextTag = nextTag == 0xFFFE ? 1 : nextTag + 1;
        return t;
    }

    /** A fresh fid. */
    public int fid() {
        return nextFid++;
    }

    /** Sends {@code m} with a fresh tag and waits for the reply with that tag. */
    public Incoming.Reply rpc(TMessage m) throws IOException, ProbeFailure, InterruptedException {
        int tag = tag();
        wire.send(tag, m);
        return await(tag, m);
    }

    /** Waits for the reply to {@code tag}; anything else (another tag, garbage, silence, a close) fails. */
    public Incoming.Reply await(int tag, TMessage request) throws ProbeFailure, InterruptedException {
        Incoming in = wire.next(timeout);
        if (in instanceof Incoming.Reply r && r.tag() == tag) {
            return r;
        }
        throw new ProbeFailure(request.type() + " (tag " + tag + ") was answered by " + describe(in));
    }

    /** {@link #rpc}, requiring a reply of type {@code expected}. */
    public <R extends Message> R call(TMessage m, Class<R> expected) throws IOException, ProbeFailure, InterruptedException {
        Incoming.Reply r = rpc(m);
        if (!expected.isInstance(r.body())) {
            throw new ProbeFailure(m.type() + " failed: " + FcallFormat.format(r.frame()));
        }
        return expected.cast(r.body());
    }

    /** Walks {@code names} from {@code fid} to a new fid, all the way or fails. */
    public int walk(int fid, String... names) throws IOException, ProbeFailure, InterruptedException {
        int newFid = fid();
        Rwalk w = call(new Twalk(fid, newFid, names), Rwalk.class);
        if (w.qids().size() != names.length) {
            throw new ProbeFailure("Twalk of " + String.join("/", names) + " stopped after " + w.qids().size() + " names");
        }
        return newFid;
    }

    public void clunk(int fid) throws IOException, ProbeFailure, InterruptedException {
        call(new Tclunk(fid), Rclunk.class);
    }

    /** Makes directory {@code name} in {@code dirFid}. */
    public void mkdir(int dirFid, String name) throws IOException, ProbeFailure, InterruptedException {
        if (dialect == Dialect.P9P2000_L) {
            call(new Tmkdir(dirFid, name, 0755, gid), Rmkdir.class);
        } else {
            int f = walk(dirFid);
            call(new Tcreate(f, name, Stat.DMDIR | 0755, Topen.OREAD, ""), Rcreate.class);
            clunk(f);
        }
    }

    /** Creates file {@code name} in {@code dirFid} and returns a new fid open on it for reading and writing. */
    public int create(int dirFid, String name) throws IOException, ProbeFailure, InterruptedException {
        int f = walk(dirFid);
        if (dialect == Dialect.P9P2000_L) {
            call(new Tlcreate(f, name, O_RDWR | O_CREAT, 0644, gid), Rlcreate.class);
        } else {
            call(new Tcreate(f, name, 0644, Topen.ORDWR, ""), Rcreate.class);
        }
        return f;
    }

    /** Opens (a clone of) {@code fid} for reading and returns the open fid. */
    public int openForReading(int fid) throws IOException, ProbeFailure, InterruptedException {
        int f = walk(fid);
        if (dialect == Dialect.P9P2000_L) {
            call(new Tlopen(f, O_RDONLY), Rlopen.class);
        } else {
            call(new Topen(f, Topen.OREAD), Ropen.class);
        }
        return f;
    }

    /** Writes all of {@code data} at {@code offset} in one Twrite; returns the count the server took. */
    public int write(int fid, long offset, ByteBuffer data) throws IOException, ProbeFailure, InterruptedException {
        return call(new Twrite(fid, offset, data), Rwrite.class).count();
    }

    /**
     * Removes {@code name} from {@code dirFid}: Tunlinkat in 9P2000.L, or, where that is not
     * supported (diod answers EOPNOTSUPP; Linux's client falls back the same way), a walk and Tremove.
     */
    public void remove(int dirFid, String name, boolean directory) throws IOException, ProbeFailure, InterruptedException {
        if (dialect == Dialect.P9P2000_L && unlinkat) {
            Incoming.Reply r = rpc(new Tunlinkat(dirFid, name, directory ? Tunlinkat.AT_REMOVEDIR : 0));
            if (r.body() instanceof Runlinkat) {
                return;
            }
            if (!(r.body() instanceof Rlerror(int errno) && errno == Errno.EOPNOTSUPP.number())) {
                throw new ProbeFailure("Tunlinkat failed: " + FcallFormat.format(r.frame()));
            }
            unlinkat = false;
        }
        call(new Tremove(walk(dirFid, name)), Rremove.class);
    }

    /** One entry of a directory listing. */
    public record Entry(String name, boolean directory) {}

    /**
     * The entries of directory {@code fid} other than "." and "..", read in calls of up to 64 KiB,
     * each name once. A listing that stops advancing is a failure, never a loop.
     */
    public List<Entry> list(int fid) throws IOException, ProbeFailure, InterruptedException {
        int open = openForReading(fid);
        int count = (int) Math.min(msize - P9.IO_HEADER_SIZE, 64 * 1024);
        Map<String, Entry> entries = new LinkedHashMap<>();
        long offset = 0;
        WireReader reader = new WireReader();
        try {
            while (true) {
                if (dialect == Dialect.P9P2000_L) {
                    ByteBuffer data = call(new Treaddir(open, offset, count), Rreaddir.class).data();
                    if (!data.hasRemaining()) {
                        break;
                    }
                    List<DirEntry> batch = DirEntry.decodeAll(data, reader);
                    for (DirEntry e : batch) {
                        entries.putIfAbsent(e.name(), new Entry(e.name(), e.qid().isDirectory()));
                    }
                    if (batch.getLast().offset() == offset) {
                        throw new ProbeFailure("Treaddir at offset " + offset + " ends with an entry of the same "
                                + "offset: the directory listing does not advance");
                    }
                    offset = batch.getLast().offset();
                } else {
                    ByteBuffer data = call(new Tread(open, offset, count), Rread.class).data();
                    if (!data.hasRemaining()) {
                        break;
                    }
                    for (Stat s : Stat.decodeAll(data, dialect, reader)) {
                        entries.putIfAbsent(s.name(), new Entry(s.name(), (s.mode() & Stat.DMDIR) != 0));
                    }
                    offset += data.remaining();
                }
            }
        } catch (ProtocolException e) {
            throw new ProbeFailure("directory entries do not decode: " + e.getMessage());
        } finally {
            clunk(open);
        }
        entries.remove(".");
        entries.remove("..");
        return List.copyOf(entries.values());
    }

    /** Removes {@code name} in {@code dirFid} and, if a directory, everything in it. */
    public void removeTree(int dirFid, String name) throws IOException, ProbeFailure, InterruptedException {
        int f = fid();
        Rwalk w = call(new Twalk(dirFid, f, name), Rwalk.class);
        Qid q = w.qids().getFirst();
        if (q.isDirectory()) {
            for (Entry e : list(f)) {
                removeTree(f, e.name());
            }
        }
        clunk(f);
        remove(dirFid, name, q.isDirectory());
    }

    /** A harmless request whose reply shows the connection still works: Tgetattr or Tstat of the root. */
    public TMessage harmless() {
        return dialect == Dialect.P9P2000_L ? new Tgetattr(ROOT, Attr.BASIC) : new Tstat(ROOT);
    }

    /** How the transcript would name what came: a frame, garbage, a close, or silence. */
    public static String describe(Incoming in) {
        return switch (in) {
            case Incoming.Reply r -> FcallFormat.format(r.frame());
            case Incoming.Garbled g -> "an undecodable frame (" + g.why() + ")";
            case Incoming.Closed c -> "nothing: " + c.why();
            case Incoming.Silence s -> "nothing within " + s.millis() + " ms";
        };
    }

    /** A frame for {@link WireConnection#sendAll}. */
    public static Frame frame(int tag, Message m) {
        return new Frame(tag, m);
    }

    @Override
    public void close() {
        wire.close();
    }
}
