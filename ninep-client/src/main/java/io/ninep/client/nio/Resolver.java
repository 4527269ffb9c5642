package io.ninep.client.nio;

import io.ninep.client.Fid;
import io.ninep.client.RemoteErrorException;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.Errno;
import io.ninep.protocol.Quirk;
import io.ninep.protocol.message.Qid;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns paths into fids, following symbolic links on the client, as Linux's v9fs does: 9P
 * servers do not follow links in a walk (ninep's own refuses to; diod follows them on its host,
 * where an absolute target means something else). A link's target is read with Treadlink and
 * taken as a path of this file system: a relative target from the link's directory, an
 * absolute one from the root of the attach. At most {@value #MAX_LINKS} links are followed in
 * one lookup, as in Linux; then {@link FileSystemLoopException}.
 *
 * <p>Every lookup walks from the root fid with one Twalk (or one per 16 names): the server does
 * the work, and nothing is cached that a rename by another client could make wrong. The qids
 * of the reply show any link on the way; if there is one, the lookup reads it and walks again
 * with the target spliced in. A walk that stops short says only that the name is missing, not
 * why; the lookup then walks to the directory where it stopped and asks for the one name, so
 * that the exception is the server's (EACCES is not ENOENT).
 *
 * <p>"." is dropped; ".." goes to the server with the rest of the walk (walk(5) keeps ".." of
 * the root at the root). After a walk that met no link, the names walked are normalized
 * lexically, which is then exact: each ".." followed a directory reached by its name.
 */
final class Resolver {
    static final int MAX_LINKS = 40;

    /** A lookup's result: the file exists, or only its last name is missing. */
    sealed interface Lookup {}

    /** The file, on a fid of its own, and the names that lead to it with no link among them. */
    record Found(Fid fid, List<String> names) implements Lookup {}

    /** Everything but the last name exists: the directory, on a fid of its own, and the missing name. */
    record Missing(Fid parent, List<String> parentNames, String name) implements Lookup {}

    private final NinepFileSystem fs;

    Resolver(NinepFileSystem fs) {
        this.fs = fs;
    }

    /** The file at {@code path}, which must exist, on a new fid. */
    Fid walk(NinepPath path, boolean followLast) throws IOException {
        return find(path, followLast).fid();
    }

    /** As {@link #walk}, with the link-free names that lead to the file. */
    Found find(NinepPath path, boolean followLast) throws IOException {
        return found(path, lookup(path, followLast, false));
    }

    /** The file at {@code path} if it exists (links followed as asked), else null. */
    Found findIfExists(NinepPath path, boolean followLast) throws IOException {
        try {
            return find(path, followLast);
        } catch (NoSuchFileException missing) {
            return null;
        }
    }

    private static Found found(NinepPath path, Lookup l) throws NoSuchFileException {
        return switch (l) {
            case Found f -> f;
            case Missing m -> {
                Fids.release(m.parent());
                throw new NoSuchFileException(path.toString());
            }
        };
    }

    /**
     * The directory that holds {@code path}'s last name (links followed), and that name, for
     * calls that act on a name in a directory (create, mkdir, unlink, rename, link). The name is
     * never "." or ".."; a path without one (the root, "a/..") is refused with
     * {@code refusal}'s errno.
     */
    Missing parent(NinepPath path, Errno refusal) throws IOException {
        NinepPath abs = path.toAbsolutePath();
        List<String> names = abs.names();
        String last = names.isEmpty() ? null : names.getLast();
        if (last == null || last.equals(".") || last.equals("..")) {
            throw Errors.errno(refusal, path, null);
        }
        NinepPath dir = abs.getParent();
        Found d;
        try {
            d = find(dir, true);
        } catch (NoSuchFileException | java.nio.file.AccessDeniedException | FileSystemLoopException e) {
            throw Errors.about(e, path);   // as the JDK: the exception names the path of the call
        }
        if (!d.fid().qid().isDirectory()) {
            Fids.release(d.fid());
            throw Errors.errno(Errno.ENOTDIR, path, null);
        }
        return new Missing(d.fid(), d.names(), last);
    }

    /**
     * Looks {@code path} up (relative paths from the root). If only the last name is missing,
     * the answer is {@link Missing} with a fid on its directory when {@code wantDirectory}
     * (the caller will create the name), else NoSuchFileException at no further cost.
     */
    Lookup lookup(NinepPath path, boolean followLast, boolean wantDirectory) throws IOException {
        try {
            return lookupNames(path, followLast, wantDirectory);
        } catch (IOException e) {
            throw Errors.translate(fs, e, path, null);
        }
    }

    private Lookup lookupNames(NinepPath path, boolean followLast, boolean wantDirectory) throws IOException {
        List<String> names = withoutDots(path.toAbsolutePath().names());
        int links = 0;
        while (true) {
            Stop w = walk(names, followLast);
            List<Qid> qids = w.qids();
            int link = firstLink(qids, names.size(), followLast, w.onlyLastQid());
            if (link >= 0) {
                String target;
                try {
                    if (++links > MAX_LINKS) {
                        throw new FileSystemLoopException(path.toString());
                    }
                    boolean onFid = w.fid() != null && link == qids.size() - 1;   // the fid is on the link itself
                    target = readLink(names.subList(0, link + 1), onFid ? w.fid() : null, path);
                } finally {
                    Fids.release(w.fid());
                }
                List<String> next = new ArrayList<>();
                if (!target.startsWith("/")) {
                    next.addAll(normalize(names.subList(0, link)));
                }
                next.addAll(withoutDots(List.of(target.split("/"))));
                next.addAll(names.subList(link + 1, names.size()));
                names = next;
                continue;
            }
            if (w.complete()) {
                return new Found(w.fid(), normalize(names));
            }
            int k = qids.size();   // names[k] is where the walk stopped
            Fid dir = w.fid();     // on names[k - 1], if the walk left one there
            try {
                if (k > 0 && !qids.get(k - 1).isDirectory()) {
                    throw Errors.errno(Errno.ENOTDIR, path, null);
                }
                RemoteErrorException error = w.error();
                if (dir == null && (error == null || wantDirectory && k == names.size() - 1)) {
                    dir = fs.rootFid().walk(names.subList(0, k));
                }
                if (error == null) {
                    // A short Rwalk gives no reason: ask for the one name.
                    Fid.Walked one = dir.walkPartial(names.subList(k, k + 1));
                    if (one.complete()) {   // made meanwhile: start again
                        Fids.release(one.fid());
                        Fids.release(dir);
                        dir = null;
                        continue;
                    }
                    error = one.error() != null ? one.error() : new RemoteErrorException(
                            io.ninep.protocol.MessageType.TWALK, Errno.ENOENT.number(), "");
                }
                if (error.errno() == Errno.ENOENT.number() && k == names.size() - 1 && wantDirectory) {
                    Missing m = new Missing(dir, normalize(names.subList(0, k)), names.get(k));
                    dir = null;
                    return m;
                }
                throw error;
            } finally {
                Fids.release(dir);
            }
        }
    }

    /**
     * Where a walk from the root stopped: the qids of the names walked; a fid on the file if
     * {@code complete}, else on the last name walked if the walk left one there (or null); and the
     * server's error, if it gave one for the name where the walk stopped.
     */
    private record Stop(List<Qid> qids, Fid fid, boolean complete, RemoteErrorException error, boolean onlyLastQid) {
        Stop(List<Qid> qids, Fid fid, boolean complete, RemoteErrorException error) {
            this(qids, fid, complete, error, false);
        }
    }

    /** Whether the server's Rwalk repeats one qid for every name (nfs-ganesha 4.3 gives the last one's). */
    private volatile boolean qidsRepeat;

    /**
     * One Twalk of all the names. walk(5) answers a name missing past the first with a short
     * Rwalk, which says where the walk stopped; nfs-ganesha answers with an error instead, which
     * does not. Then the names are walked one at a time, to find where (a link on the way, a
     * file where a directory should be, the missing name) and the server's reason.
     */
    private Stop walk(List<String> names, boolean followLast) throws IOException {
        Fid root = fs.rootFid();
        Fid.Walked w = root.walkPartial(names);
        if (w.complete() && !qidsRepeat && repeats(names, w.qids())) {
            qidsRepeat = true;
            fs.session().connection().noteQuirk(new Quirk("Rwalk", "qids", "the server repeats one qid for every "
                    + "name of a walk; the client trusts only the last (the server does not walk through links)"));
        }
        if (w.complete()) {
            return new Stop(w.qids(), w.fid(), true, null, qidsRepeat);
        }
        if (w.error() == null || !w.qids().isEmpty() || names.size() < 2) {
            return new Stop(w.qids(), w.fid(), false, w.error());
        }
        List<Qid> qids = new ArrayList<>();
        Fid at = root.walk();
        try {
            for (int i = 0; i < names.size(); i++) {
                Fid.Walked one = at.walkPartial(names.subList(i, i + 1));
                if (!one.complete()) {
                    Fid stopped = at;
                    at = null;
                    return new Stop(List.copyOf(qids), stopped, false, one.error());
                }
                Fids.release(at);
                at = one.fid();
                Qid q = one.qids().getFirst();
                qids.add(q);
                if (q.isSymlink() && (i < names.size() - 1 || followLast)) {
                    Fid onLink = at;
                    at = null;
                    return new Stop(List.copyOf(qids), onLink, false, null);
                }
            }
            Fid file = at;
            at = null;
            return new Stop(List.copyOf(qids), file, true, null);
        } finally {
            Fids.release(at);
        }
    }

    /**
     * Whether two names in a row got the same qid, which no server can mean: a directory does
     * not hold itself (".." at the root is the exception).
     */
    private static boolean repeats(List<String> names, List<Qid> qids) {
        for (int i = 0; i + 1 < qids.size(); i++) {
            if (qids.get(i).path() == qids.get(i + 1).path() && !names.get(i + 1).equals("..")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first link among the qids that must be followed: any but the last name, which only if
     * {@code followLast}; only the last if the others cannot be trusted.
     */
    private static int firstLink(List<Qid> qids, int count, boolean followLast, boolean onlyLast) {
        for (int i = onlyLast ? Math.max(0, qids.size() - 1) : 0; i < qids.size(); i++) {
            if (qids.get(i).isSymlink() && (i < count - 1 || followLast)) {
                return i;
            }
        }
        return -1;
    }

    /** The target of the link at {@code names} (on {@code fid} if the caller has it). */
    private String readLink(List<String> names, Fid fid, NinepPath path) throws IOException {
        Fid f = fid != null ? fid : fs.rootFid().walk(names);
        try {
            String target = readLink(f);
            if (target.isEmpty()) {
                throw new NoSuchFileException(path.toString(), null, "symbolic link /" + String.join("/", names)
                        + " has an empty target");
            }
            return target;
        } finally {
            if (fid == null) {
                Fids.release(f);
            }
        }
    }

    /** Treadlink, or in 9P2000.u the stat's extension. */
    String readLink(Fid f) throws IOException {
        return fs.session().dialect() == Dialect.P9P2000_L ? f.readlink() : f.stat().extension();
    }

    static List<String> withoutDots(List<String> names) {
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            if (!n.isEmpty() && !n.equals(".")) {
                out.add(n);
            }
        }
        return out;
    }

    /** Lexical normalization of names from the root ("/.." is "/"). */
    static List<String> normalize(List<String> names) {
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            if (n.equals("..")) {
                if (!out.isEmpty()) {
                    out.removeLast();
                }
            } else if (!n.equals(".") && !n.isEmpty()) {
                out.add(n);
            }
        }
        return out;
    }
}
