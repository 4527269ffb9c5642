package io.ninep.cli.files;

import io.ninep.client.Fid;
import io.ninep.client.RemoteErrorException;
import io.ninep.protocol.Errno;
import io.ninep.protocol.MessageType;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Walks that follow symbolic links, which 9P servers leave to the client: a walk through a link
 * fails on ninep's server and on diod (ENOENT), and an open of one fails (ELOOP) or not,
 * depending on the server. Linux's v9fs resolves links in the kernel; this is the same for the
 * file commands.
 */
final class LinkWalker {
    /** Symbolic links followed in one path before giving up, as Linux's MAXSYMLINKS. */
    static final int MAX_SYMLINKS = 40;

    private LinkWalker() {}

    /**
     * One walk of all the names, the common case; only when it fails (or ends on a link to
     * follow) is the path walked again name by name, following links: relative targets from the
     * link's directory, absolute ones from the root of the attached tree (the server's own root
     * is out of reach). Without links on the way, that walk fails where the first one did.
     */
    static Fid walk(Remote remote, List<String> names, boolean followLast) throws IOException {
        Fid root = remote.root();
        try {
            Fid f = root.walk(names);
            if (!followLast || !f.qid().isSymlink()) {
                return f;
            }
            f.close();
        } catch (RemoteErrorException e) {
            if (names.size() < 2 || !ErrorText.is(e, Errno.ENOENT) && !ErrorText.is(e, Errno.ENOTDIR)
                    && !ErrorText.is(e, Errno.ELOOP)) {
                throw e;
            }
        }
        return walkFollowingLinks(remote, names, followLast);
    }

    private static Fid walkFollowingLinks(Remote remote, List<String> names, boolean followLast) throws IOException {
        Fid root = remote.root();
        Deque<String> todo = new ArrayDeque<>(names);
        List<String> done = new ArrayList<>();
        int links = 0;
        Fid current = root.walk();
        try {
            while (!todo.isEmpty()) {
                String name = todo.removeFirst();
                if (name.equals("..")) {
                    if (!done.isEmpty()) {
                        done.removeLast();
                    }
                    Fid up = root.walk(done);
                    current.close();
                    current = up;
                    continue;
                }
                Fid next = current.walk(name);
                if (next.qid().isSymlink() && (followLast || !todo.isEmpty())) {
                    String target;
                    try (next) {
                        target = remote.readlink(next);
                    }
                    if (++links > MAX_SYMLINKS) {
                        throw new RemoteErrorException(MessageType.TWALK, Errno.ELOOP.number(), "");
                    }
                    if (target.startsWith("/")) {
                        done.clear();
                        Fid top = root.walk();
                        current.close();
                        current = top;
                    }
                    List<String> parts = new ArrayList<>();
                    for (String t : target.split("/")) {
                        if (!t.isEmpty() && !t.equals(".")) {
                            parts.add(t);
                        }
                    }
                    for (int i = parts.size() - 1; i >= 0; i--) {
                        todo.addFirst(parts.get(i));
                    }
                } else {
                    done.add(name);
                    current.close();
                    current = next;
                }
            }
            return current;
        } catch (IOException | RuntimeException e) {
            try {
                current.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
