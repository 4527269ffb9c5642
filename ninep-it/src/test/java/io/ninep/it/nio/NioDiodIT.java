package io.ninep.it.nio;

import io.ninep.it.peers.DiodExtension;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The java.nio.file provider against Debian's diod (9P2000.L only, msize 64 KiB, no Trenameat
 * or Tunlinkat: the client falls back to Trename and Tremove), attached to its export by path.
 */
class NioDiodIT extends NioContract {
    @RegisterExtension
    static final DiodExtension diod = new DiodExtension();

    @Override
    protected URI uri() {
        return URI.create("ninep://127.0.0.1:" + diod.get().port() + "/");
    }

    @Override
    protected Map<String, Object> baseEnv() {
        return Map.of("aname", diod.get().export().toString(), "umask", 022);
    }

    /** diod's Tlock is flock(2) on its open file: whole-file, and shared by fids that share the file. */
    @Override
    public boolean hasRecordLocks() {
        return false;
    }

    @Override
    protected Path export() {
        return diod.get().export();
    }
}
