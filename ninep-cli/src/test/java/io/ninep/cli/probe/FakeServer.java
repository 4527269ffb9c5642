package io.ninep.cli.probe;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.Errno;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.codec.FrameEncoder;
import io.ninep.protocol.message.*;
import io.ninep.transport.DialAddress;
import io.ninep.transport.Listener;
import io.ninep.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small in-memory 9P2000.L server for the probe's tests, that misbehaves on demand: each
 * {@link Fault} is a way real servers get the protocol wrong, and makes exactly one check FAIL
 * (or, for {@link Fault#RFLUSH_ONLY}, takes the other legal path). Requests are handled one at a
 * time, in order, on the connection's thread, so every ordering is decided by the script, never
 * by timing: a Twrite followed at once by a Tflush for it is held back when a flush fault asks.
 */
final class FakeServer implements AutoCloseable {

    enum Fault {
        /** Rversion echoes the client's msize, whatever it is (even 2^32-1). */
        ECHO_MSIZE,
        /** Rversion answers at least 65536, even above what the client asked. */
        MSIZE_ABOVE_ASKED,
        /** An msize below 4096 is accepted. */
        ACCEPT_TINY_MSIZE,
        /** A Twrite frame of exactly msize bytes is refused with EIO (takes msize - 1, as diod). */
        OFF_BY_ONE_WRITE,
        /** Versions other than 9P2000.L get Rlerror instead of Rversion 'unknown'. */
        RERROR_FOR_UNKNOWN_VERSION,
        /** Tflush of a tag not in flight gets Rlerror. */
        FLUSH_ERROR,
        /** A Twrite followed by a Tflush for it: Rflush, then the write's reply (a server bug). */
        RFLUSH_BEFORE_REPLY,
        /** A Twrite followed by a Tflush for it: the write is dropped, Rflush alone (legal). */
        RFLUSH_ONLY,
        /** A request reusing the tag of the one before it: the server stops answering. */
        HANG_ON_DUPLICATE_TAG,
        /** Walks of more than 16 names are walked. */
        WALK_NO_LIMIT,
        /** A walk that stops early still makes newfid. */
        PARTIAL_WALK_MAKES_FID,
        /** A walk that stops after the first name answers Rlerror instead of a short Rwalk. */
        PARTIAL_WALK_ERROR,
        /** Treaddir resumes one entry before the offset asked: entries come twice. */
        READDIR_REPEATS,
        /** Treaddir returns every entry, whatever the count. */
        READDIR_IGNORES_COUNT,
        /** A frame above msize is read up to msize, then the connection stalls. */
        STALL_ON_OVERSIZE,
        /** A Tversion whose string runs past the frame is answered as if it were fine. */
        READS_PAST_FRAME,
        /** A frame of an unknown type is ignored: no answer, no close. */
        SILENT_ON_UNKNOWN_TYPE,
        /** A reply type sent as a request kills the whole server (as diod aborts). */
        DIE_ON_R_MESSAGE
    }

    private static final long MAX_MSIZE = 1 << 20;

    private final Set<Fault> faults;
    private final Listener listener;
    private final Set<Transport> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong paths = new AtomicLong();
    private final Node root = new Node("/", true, null, 0);

    private static final class Node {
        final String name;
        final boolean dir;
        final Node parent;
        final long path;
        final Map<String, Node> children = new TreeMap<>();
        byte[] data = new byte[0];

        Node(String name, boolean dir, Node parent, long path) {
            this.name = name;
            this.dir = dir;
            this.parent = parent;
            this.path = path;
        }

        Qid qid() {
            return new Qid(dir ? Qid.DIR : Qid.FILE, 0, path);
        }
    }

    FakeServer(Fault... faults) throws IOException {
        this.faults = faults.length == 0 ? EnumSet.noneOf(Fault.class) : EnumSet.of(faults[0], faults);
        this.listener = Listener.bind(new DialAddress.Tcp("127.0.0.1", 0));
        Thread.ofVirtual().name("fake 9p accept").start(this::accept);
    }

    DialAddress address() {
        return listener.address();
    }

    private boolean has(Fault f) {
        return faults.contains(f);
    }

    private void accept() {
        while (listener.isOpen()) {
            try {
                Transport t = listener.accept();
                open.add(t);
                Thread.ofVirtual().name("fake 9p conn").start(() -> new Conn(t).run());
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Transport t : open) {
            t.close();
        }
    }

    /** One connection: frames in, replies out, in order. */
    private final class Conn {
        final Transport t;
        final FrameDecoder decoder = new FrameDecoder(Dialect.P9P2000_L, -1);
        final Map<Integer, Node> fids = new HashMap<>();
        long msize = 8192;
        int lastTag = -1;
        Frame held;   // a Twrite's reply held back to race a Tflush
        int heldTag = -1;

        Conn(Transport t) {
            this.t = t;
        }

        void run() {
            try (t) {
                ByteBuffer size = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                while (true) {
                    size.clear();
                    if (t.read(size) < 0) {
                        return;
                    }
                    t.readFully(size);
                    long n = Integer.toUnsignedLong(size.getInt(0));
                    if (n < P9.HEADER_SIZE) {
                        return;
                    }
                    if (n > msize) {
                        if (has(Fault.STALL_ON_OVERSIZE)) {
                            t.readFully(ByteBuffer.allocate((int) msize - 4));
                            t.read(ByteBuffer.allocate(1 << 16));   // then wait for what never completes it
                            while (t.read(ByteBuffer.allocate(1 << 16)) >= 0) {
                                // swallow the rest, answer nothing
                            }
                        }
                        return;
                    }
                    ByteBuffer frame = ByteBuffer.allocate((int) n).order(ByteOrder.LITTLE_ENDIAN);
                    frame.put(size.array());
                    t.readFully(frame);
                    frame.flip();
                    if (!handle(frame)) {
                        return;
                    }
                }
            } catch (IOException e) {
                // The client went away.
            }
        }

        /** Handles one frame; false to close the connection. */
        boolean handle(ByteBuffer frame) throws IOException {
            int code = frame.get(4) & 0xFF;
            int tag = frame.getShort(5) & 0xFFFF;
            MessageType type = MessageType.byCode(code);
            if (type == null) {
                return has(Fault.SILENT_ON_UNKNOWN_TYPE);
            }
            if (!type.isRequest()) {
                if (has(Fault.DIE_ON_R_MESSAGE)) {
                    FakeServer.this.close();
                }
                return false;
            }
            boolean duplicate = tag == lastTag && tag != P9.NOTAG;
            lastTag = tag;
            if (duplicate && has(Fault.HANG_ON_DUPLICATE_TAG)) {
                while (t.read(ByteBuffer.allocate(1 << 16)) >= 0) {
                    // read on, answer nothing
                }
                return false;
            }
            Frame f;
            try {
                f = decoder.decode(frame);
            } catch (ProtocolException e) {
                if (type == MessageType.TVERSION && has(Fault.READS_PAST_FRAME)) {
                    send(P9.NOTAG, new Rversion(8192, "9P2000.L"));
                    return true;
                }
                return false;
            }
            if (held != null) {
                Frame h = held;
                held = null;
                if (f.body() instanceof Tflush(int old) && old == heldTag) {
                    send(tag, new Rflush());
                    if (has(Fault.RFLUSH_BEFORE_REPLY)) {
                        send(h.tag(), h.body());
                    }
                    return true;
                }
                send(h.tag(), h.body());
            }
            RMessage reply = answer(f.body(), frame.limit());
            if (reply == null) {
                return false;
            }
            if (f.body() instanceof Twrite && (has(Fault.RFLUSH_BEFORE_REPLY) || has(Fault.RFLUSH_ONLY))) {
                held = new Frame(tag, reply);
                heldTag = tag;
                return true;
            }
            send(tag, reply);
            return true;
        }

        void send(int tag, Message m) throws IOException {
            t.write(new ByteBuffer[] {FrameEncoder.encode(new Frame(tag, m), Dialect.P9P2000_L)}, 0, 1);
        }

        RMessage error(Errno e) {
            return new Rlerror(e.number());
        }

        RMessage answer(Message m, int frameSize) {
            return switch (m) {
                case Tversion(int asked, String v) -> version(Integer.toUnsignedLong(asked), v);
                case Tattach a -> {
                    fids.put(a.fid(), root);
                    yield new Rattach(root.qid());
                }
                case Tflush f -> has(Fault.FLUSH_ERROR) ? error(Errno.EINVAL) : new Rflush();
                case Twalk(int fid, int newFid, List<String> names) -> walk(fid, newFid, names);
                case Tmkdir(int dfid, String name, int mode, int gid) -> {
                    Node d = fids.get(dfid);
                    Node n = new Node(name, true, d, paths.incrementAndGet());
                    d.children.put(name, n);
                    yield new Rmkdir(n.qid());
                }
                case Tlcreate(int fid, String name, int flags, int mode, int gid) -> {
                    Node d = fids.get(fid);
                    Node n = new Node(name, false, d, paths.incrementAndGet());
                    d.children.put(name, n);
                    fids.put(fid, n);
                    yield new Rlcreate(n.qid(), 0);
                }
                case Tlopen(int fid, int flags) -> new Rlopen(fids.get(fid).qid(), 0);
                case Twrite w -> {
                    Node n = fids.get(w.fid());
                    if (n.dir) {
                        yield error(Errno.EISDIR);
                    }
                    if (has(Fault.OFF_BY_ONE_WRITE) && frameSize >= msize) {
                        yield error(Errno.EIO);
                    }
                    int end = (int) w.offset() + w.count();
                    if (end > n.data.length) {
                        n.data = java.util.Arrays.copyOf(n.data, end);
                    }
                    w.data().duplicate().get(n.data, (int) w.offset(), w.count());
                    yield new Rwrite(w.count());
                }
                case Tread(int fid, long offset, int count) -> {
                    Node n = fids.get(fid);
                    int len = (int) Math.max(0, Math.min(Math.min(count, msize - 11), n.data.length - offset));
                    yield new Rread(ByteBuffer.wrap(n.data, (int) offset, len).slice());
                }
                case Treaddir(int fid, long offset, int count) -> readdir(fids.get(fid), offset, count);
                case Tclunk(int fid) -> fids.remove(fid) != null ? new Rclunk() : error(Errno.EBADF);
                case Tunlinkat(int dfid, String name, int flags) -> {
                    fids.get(dfid).children.remove(name);
                    yield new Runlinkat();
                }
                case Tgetattr g -> new Rgetattr(new Attr(Attr.BASIC, fids.get(g.fid()).qid(), 040755, 0, 0, 1, 0, 0,
                        4096, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
                default -> error(Errno.EOPNOTSUPP);
            };
        }

        RMessage version(long asked, String v) {
            held = null;
            if (!v.equals("9P2000.L")) {
                return has(Fault.RERROR_FOR_UNKNOWN_VERSION) ? error(Errno.EIO) : new Rversion((int) Math.min(asked, 8192), "unknown");
            }
            if (asked < 4096 && !has(Fault.ACCEPT_TINY_MSIZE)) {
                return error(Errno.EINVAL);
            }
            long answer = has(Fault.ECHO_MSIZE) ? asked
                    : has(Fault.MSIZE_ABOVE_ASKED) ? Math.max(asked, 65536) : Math.min(asked, MAX_MSIZE);
            msize = Math.min(answer, 256L << 20);
            decoder.renegotiated(Dialect.P9P2000_L, -1);
            return new Rversion((int) answer, "9P2000.L");
        }

        RMessage walk(int fid, int newFid, List<String> names) {
            if (names.size() > P9.MAX_WALK_ELEMENTS && !has(Fault.WALK_NO_LIMIT)) {
                return error(Errno.EINVAL);
            }
            Node at = fids.get(fid);
            List<Qid> qids = new ArrayList<>();
            for (String name : names) {
                Node next = name.equals("..") ? (at.parent == null ? at : at.parent) : at.children.get(name);
                if (next == null) {
                    break;
                }
                at = next;
                qids.add(at.qid());
            }
            if (qids.isEmpty() && !names.isEmpty()) {
                return error(Errno.ENOENT);
            }
            if (qids.size() < names.size()) {
                if (has(Fault.PARTIAL_WALK_ERROR)) {
                    return error(Errno.ENOENT);
                }
                if (has(Fault.PARTIAL_WALK_MAKES_FID)) {
                    fids.put(newFid, at);
                }
                return new Rwalk(qids);
            }
            fids.put(newFid, at);
            return new Rwalk(qids);
        }

        RMessage readdir(Node dir, long offset, int count) {
            List<Node> entries = new ArrayList<>(dir.children.values());
            int from = (int) offset;
            if (has(Fault.READDIR_REPEATS) && from > 0) {
                from--;
            }
            ByteBuffer out = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = from; i < entries.size(); i++) {
                Node n = entries.get(i);
                DirEntry e = new DirEntry(n.qid(), i + 1, n.dir ? DirEntry.DT_DIR : DirEntry.DT_REG, n.name);
                if (out.position() + e.encodedSize() > count && !has(Fault.READDIR_IGNORES_COUNT)) {
                    break;
                }
                e.encode(out);
            }
            return new Rreaddir(out.flip());
        }
    }
}
