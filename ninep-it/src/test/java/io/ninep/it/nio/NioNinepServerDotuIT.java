package io.ninep.it.nio;

import java.util.Map;

/**
 * The java.nio.file provider in 9P2000.u against ninep's own server: everything through stat and
 * wstat. Renames stay within a directory (a move elsewhere is a copy and a delete), times have
 * whole seconds, and there is no statfs and no Tlock; the contract's tests skip those.
 */
class NioNinepServerDotuIT extends NioNinepServerIT {
    @Override
    protected Map<String, Object> baseEnv() {
        return Map.of("umask", 022, "dialect", "9P2000.u");
    }
}
