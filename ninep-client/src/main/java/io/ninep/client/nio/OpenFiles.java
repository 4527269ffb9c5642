package io.ninep.client.nio;

import io.ninep.client.Fid;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.message.Stat;
import java.io.IOException;

/**
 * What the provider's handles on an open file ({@link NinepInputStream},
 * {@link NinepOutputStream}, {@link NinepFileChannel}) share: the check a stream makes before
 * each call, the commit that SYNC and DSYNC ask for in any dialect, and the last step of closing
 * a handle (the fid is clunked, then DELETE_ON_CLOSE removes the file).
 */
final class OpenFiles {
    private OpenFiles() {}

    /** Throws if the stream is closed, or its file system is. */
    static void checkStreamOpen(boolean closed, NinepFileSystem fs) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        fs.checkOpen();
    }

    /**
     * Commits what was written to stable storage: Tfsync ({@code dataOnly} as fdatasync(2)); in
     * 9P2000 and .u, the Twstat that changes nothing, which stat(5) makes a request to commit.
     */
    static void commit(NinepFileSystem fs, Fid fid, boolean dataOnly) throws IOException {
        if (fs.dialect() == Dialect.P9P2000_L) {
            fid.fsync(dataOnly);
        } else {
            fid.wstat(Stat.unchanged());   // stat(5): a Twstat that changes nothing asks for a commit
        }
    }

    /** Clunks {@code fid}; then, for DELETE_ON_CLOSE, removes the file by its path if the file system is still open. */
    static void clunk(Operations ops, Fid fid, NinepPath path, boolean deleteOnClose) throws IOException {
        try {
            fid.close();
        } finally {
            if (deleteOnClose && ops.fs().isOpen()) {
                ops.deleteQuietly(path);
            }
        }
    }
}
