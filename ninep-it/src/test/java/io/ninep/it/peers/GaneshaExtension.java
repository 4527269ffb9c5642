package io.ninep.it.peers;

import io.ninep.protocol.testing.Prerequisites;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link Ganesha} for a test class, registered as a static {@code @RegisterExtension}
 * field: started before the class's tests (once {@link Prerequisites#require} has found
 * nfs-ganesha and root), checked after each test, before its {@code @AfterEach} methods (a test
 * after which ganesha is dead fails, with ganesha's log), and stopped after them.
 */
public final class GaneshaExtension implements BeforeAllCallback, AfterTestExecutionCallback, AfterAllCallback {
    private Ganesha ganesha;

    /** The running ganesha; only inside the class's tests. */
    public Ganesha get() {
        return ganesha;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Prerequisites.require(Ganesha.available() && Ganesha.runningAsRoot(), "nfs-ganesha, nfs-ganesha-vfs, iproute2 and root");
        ganesha = Ganesha.start();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (ganesha != null && !ganesha.isAlive()) {
            Assertions.fail("ganesha died:\n" + ganesha.log());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (ganesha != null) {
            ganesha.close();
        }
    }
}
