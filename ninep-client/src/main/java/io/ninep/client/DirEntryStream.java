package io.ninep.client;

import io.ninep.protocol.P9;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Treaddir;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries of a 9P2000.L directory, read with Treaddir as the iterator needs them. Each
 * Treaddir's payload goes straight into a pool buffer of the count asked for, and entries are
 * decoded from it one at a time.
 *
 * <p>Sizing adapts: the first Treaddir asks for {@link ClientConfig#readdirInitialCount()}
 * bytes (4 KiB, the small class, by default); whenever a reply comes back more than half full,
 * the directory is probably large and the next count moves up a size class (64 KiB, msize/2,
 * then msize - 24). Small directories never cost an msize buffer; large ones need few round trips.
 */
public final class DirEntryStream extends PagedDirectoryStream<DirEntry> {
    /** Where the next Treaddir starts: the offset of the last entry read. */
    private long offset;
    /** Counts asked for so far, for tests and tracing. */
    private final List<Integer> counts = new ArrayList<>();

    DirEntryStream(Fid fid, boolean ownsFid) {
        super(fid, ownsFid, new WireReader(), fid.session().connection().msize() - P9.READDIR_HEADER_SIZE);
    }

    @Override
    int fetchPage(int count, ByteBuffer into) throws IOException {
        counts.add(count);
        return connection.callInto(new Treaddir(fid.number(), offset, count), into);
    }

    @Override
    DirEntry decode(WireReader page) throws IOException {
        DirEntry e = DirEntry.decode(page);
        offset = e.offset();
        return e;
    }

    @Override
    String pageName() {
        return "Rreaddir.data";
    }

    /** The counts of the Treaddirs sent so far, in order: how the sizing adapted. */
    public List<Integer> counts() {
        return List.copyOf(counts);
    }
}
