package io.ninep.cli.probe;

import io.ninep.transport.DialAddress;
import java.io.IOException;

/** The fake server for tests outside this package (the command tests). */
public final class FakeServerAccess implements AutoCloseable {
    private final FakeServer server;

    private FakeServerAccess(FakeServer server) {
        this.server = server;
    }

    public static FakeServerAccess wellBehaved() throws IOException {
        return new FakeServerAccess(new FakeServer());
    }

    public static FakeServerAccess partialWalkMakesFid() throws IOException {
        return new FakeServerAccess(new FakeServer(FakeServer.Fault.PARTIAL_WALK_MAKES_FID));
    }

    public DialAddress address() {
        return server.address();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
