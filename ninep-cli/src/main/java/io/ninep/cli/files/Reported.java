package io.ninep.cli.files;

import java.io.IOException;

/** Stops a command after a failure already reported (the connection is gone): nothing more to say. */
public final class Reported extends IOException {
    public Reported() {
        super(null, null);
    }
}
