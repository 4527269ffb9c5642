package io.ninep.protocol.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (root, diod, QEMU...). A missing prerequisite fails the
 * test with a message that says what to install: `./run-tests` installs every package the tests
 * use, so on a machine set up by it, or in CI, nothing is missing and nothing may be skipped.
 *
 * <p>A developer without root can pass {@code -Dninep.tests.skipUnavailable=true} to skip such
 * tests instead; the skip then shows in the test report with the same message.
 */
public final class Prerequisites {
    private Prerequisites() {}

    public static final String SKIP_PROPERTY = "ninep.tests.skipUnavailable";

    /** Fails (or, when allowed, skips) the test unless {@code available}. */
    public static void require(boolean available, String what) {
        if (available) {
            return;
        }
        String message = "prerequisite missing: " + what
                + " (./run-tests installs the test packages when run as root; -D" + SKIP_PROPERTY + "=true skips instead)";
        if (Boolean.getBoolean(SKIP_PROPERTY)) {
            Assumptions.abort(message);
        }
        Assertions.fail(message);
    }

    public static boolean isRoot() {
        return "0".equals(uid());
    }

    public static void requireRoot(String why) {
        require(isRoot(), "root (" + why + ")");
    }

    private static String uid() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2];   // real, effective, saved, fs: take the effective uid
                }
            }
        } catch (java.io.IOException e) {
            return "";
        }
        return "";
    }
}
