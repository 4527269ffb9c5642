package io.ninep.it.client;

import io.ninep.protocol.testing.Prerequisites;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The java.nio.file provider against Debian's diod (9P2000.L only, msize 64 KiB, no Trenameat
 * or Tunlinkat: the client falls back to Trename and Tremove), attached to its export by path.
 */
class NioDiodIT extends NioContract {
    private static Diod diod;

    @BeforeAll
    static void startDiod() throws Exception {
        Prerequisites.require(Diod.available(), "/usr/sbin/diod (Debian package diod) and root");
        diod = Diod.start();
    }

    @AfterAll
    static void stopDiod() throws IOException {
        if (diod != null) {
            diod.close();
        }
    }

    @Override
    protected URI uri() {
        return URI.create("ninep://127.0.0.1:" + diod.port + "/");
    }

    @Override
    protected Map<String, Object> baseEnv() {
        return Map.of("aname", diod.export.toString(), "umask", 022);
    }

    /** diod's Tlock is flock(2) on its open file: whole-file, and shared by fids that share the file. */
    @Override
    public boolean hasRecordLocks() {
        return false;
    }

    @Override
    protected Path export() {
        return diod.export;
    }
}
