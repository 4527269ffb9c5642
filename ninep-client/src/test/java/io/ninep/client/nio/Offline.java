package io.ninep.client.nio;

import java.net.URI;
import java.util.Map;

/** File systems with no server behind them, for what needs none: paths, URIs, matchers. */
final class Offline {
    private Offline() {}

    static NinepFileSystem fileSystem(String uri) {
        NinepFileSystemProvider provider = new NinepFileSystemProvider();
        Settings settings = Settings.of(NinepUri.parse(URI.create(uri)), Map.of("uname", "glenda", "n_uname", 1000));
        return new NinepFileSystem(provider, settings, null, null);
    }

    static NinepFileSystem fileSystem() {
        return fileSystem("ninep://fileserver:5640/");
    }
}
