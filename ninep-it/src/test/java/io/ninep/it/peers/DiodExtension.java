package io.ninep.it.peers;

import io.ninep.protocol.testing.Prerequisites;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link Diod} for a test class, registered as a static {@code @RegisterExtension} field:
 * started before the class's tests (once {@link Prerequisites#require} has found diod and root),
 * stopped after them.
 */
public final class DiodExtension implements BeforeAllCallback, AfterAllCallback {
    private Diod diod;

    /** The running diod; only inside the class's tests. */
    public Diod get() {
        return diod;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Prerequisites.require(Diod.available(), "/usr/sbin/diod (Debian package diod) and root");
        diod = Diod.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (diod != null) {
            diod.close();
        }
    }
}
