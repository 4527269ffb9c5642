package io.ninep.client;

import io.ninep.protocol.Strictness;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Stat;
import io.ninep.protocol.message.Tread;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.util.Iterator;

/**
 * The entries of a 9P2000 or 9P2000.u directory: Treads of the opened directory, each returning
 * whole stat entries (read(5)), at byte offsets that follow on from the previous read. Sized
 * like {@link DirEntryStream}: small first, larger once the directory turns out large.
 */
final class StatStream extends PagedDirectoryStream<Stat> {
    /** Where the next Tread starts: the byte after the last page. */
    private long offset;

    StatStream(Fid fid, boolean ownsFid) {
        super(fid, ownsFid, new WireReader(Strictness.LENIENT, fid.session().connection()::noteQuirk), fid.maxIo());
    }

    @Override
    int fetchPage(int count, ByteBuffer into) throws IOException {
        int n = connection.callInto(new Tread(fid.number(), offset, count), into);
        offset += n;
        return n;
    }

    @Override
    Stat decode(WireReader page) throws IOException {
        return Stat.decode(page, connection.dialect());
    }

    @Override
    String pageName() {
        return "Rread.stat";
    }

    /** The same entries as {@link DirEntry}s (qid, type from the qid, name). */
    DirectoryStream<DirEntry> asDirEntries() {
        StatStream self = this;
        return new DirectoryStream<>() {
            @Override
            public Iterator<DirEntry> iterator() {
                Iterator<Stat> stats = self.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return stats.hasNext();
                    }

                    @Override
                    public DirEntry next() {
                        Stat s = stats.next();
                        return new DirEntry(s.qid(), self.offset, FileModes.direntType(s.qid()), s.name());
                    }
                };
            }

            @Override
            public void close() throws IOException {
                self.close();
            }
        };
    }
}
