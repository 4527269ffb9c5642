package io.ninep.client;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.Stat;
import io.ninep.protocol.message.TMessage;
import io.ninep.protocol.message.Topen;
import io.ninep.protocol.message.Trenameat;
import io.ninep.protocol.message.Tunlinkat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The operations of {@link Fid} that choose their messages by what the server speaks and has:
 * the 9P2000.L message where the dialect has it, its 9P2000/9P2000.u equivalent otherwise, and,
 * for a server without Trenameat or Tunlinkat, what Linux's v9fs sends then.
 */
final class Portable {
    private Portable() {}

    /** As {@link Fid#create}. */
    static Fid create(Fid dir, String name, int linuxFlags, int mode) throws IOException {
        Fid f = dir.walk();
        try {
            if (dir.dialect() == Dialect.P9P2000_L) {
                f.lcreate(name, linuxFlags, mode, 0);
            } else {
                f.tcreate(name, FileModes.toDirMode(mode), OpenFlags.toTopenMode(linuxFlags), "");
            }
            return f;
        } catch (IOException | RuntimeException e) {
            f.closeAfter(e);
            throw e;
        }
    }

    /** As {@link Fid#list}. */
    static DirectoryStream<DirEntry> list(Fid from) throws IOException {
        Fid dir = from.walk();
        try {
            if (from.dialect() == Dialect.P9P2000_L) {
                dir.lopen(LinuxOpenFlags.O_RDONLY | LinuxOpenFlags.O_DIRECTORY);
                return new DirEntryStream(dir, true);
            }
            dir.topen(Topen.OREAD);
            return new StatStream(dir, true).asDirEntries();
        } catch (IOException | RuntimeException e) {
            dir.closeAfter(e);
            throw e;
        }
    }

    /** As {@link Fid#mkdir(String, int)}. */
    static Qid mkdir(Fid dir, String name, int mode) throws IOException {
        if (dir.dialect() == Dialect.P9P2000_L) {
            return dir.mkdir(name, mode, 0);
        }
        try (Fid f = dir.walk()) {
            return f.tcreate(name, Stat.DMDIR | (mode & 0777), Topen.OREAD, "");
        }
    }

    /** As {@link Fid#renameat}. */
    static void renameat(Fid dir, String oldName, Fid newDir, String newName) throws IOException {
        dir.checkUsable();
        Session session = dir.session();
        if (sentUnlessMissing(dir, () -> new Trenameat(dir.number(), oldName, newDir.number(), newName),
                session.renameatMissing(), session::renameatIsMissing)) {
            return;
        }
        try (Fid f = dir.walk(oldName)) {
            f.rename(newDir, newName);
        }
    }

    /** As {@link Fid#unlinkat}. */
    static void unlinkat(Fid dir, String name, int flags) throws IOException {
        dir.checkUsable();
        Session session = dir.session();
        if (sentUnlessMissing(dir, () -> new Tunlinkat(dir.number(), name, flags),
                session.unlinkatMissing(), session::unlinkatIsMissing)) {
            return;
        }
        dir.walk(name).remove();
    }

    /**
     * Sends {@code request} unless the server is known to lack it ({@code missing}).
     *
     * @return true if the server did it; false if it lacks it (answered with an errno that
     *     {@link Session#isUnsupported} recognises, which {@code isMissing} then records)
     */
    private static boolean sentUnlessMissing(Fid dir, Supplier<TMessage> request, boolean missing, IntConsumer isMissing)
            throws IOException {
        if (missing) {
            return false;
        }
        try {
            dir.connection().call(request.get());
            return true;
        } catch (RemoteErrorException e) {
            if (!Session.isUnsupported(e.errno())) {
                throw e;
            }
            isMissing.accept(e.errno());
            return false;
        }
    }

    /** As {@link Fid#delete}. */
    static void delete(Fid dir, String name, boolean directory) throws IOException {
        if (dir.dialect() == Dialect.P9P2000_L) {
            dir.unlinkat(name, directory ? Tunlinkat.AT_REMOVEDIR : 0);
        } else {
            dir.walk(name).remove();
        }
    }
}
