package io.ninep.server.local;

import io.ninep.protocol.testing.Prerequisites;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ninep.protocol.Errno;
import io.ninep.server.spi.FileServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ordinary user's server acts as itself: {@link NonRootProbe} runs in a child JVM under
 * setpriv as nobody (65534), with a copy of the class path that user can read.
 */
class NonRootTest {
    static final int NOBODY = 65534;

    @TempDir
    Path base;

    @Test
    void anOrdinaryUsersServerActsAsItself() throws Exception {
        Prerequisites.requireRoot("starting a child as another user");
        Prerequisites.require(Files.isExecutable(Path.of("/usr/bin/setpriv")), "/usr/bin/setpriv (util-linux)");
        LocalTesting.chmod(base, "rwxr-xr-x");
        Path classes = Files.createDirectory(base.resolve("cp"));
        List<String> cp = new ArrayList<>();
        for (Class<?> c : List.of(NonRootProbe.class, LocalFileServer.class, FileServer.class, Errno.class)) {
            Path from = location(c);
            Path to = classes.resolve(cp.size() + "-" + from.getFileName());
            copy(from, to);
            cp.add(to.toString());
        }
        Path export = Files.createDirectory(base.resolve("export"));
        Files.setAttribute(export, "unix:uid", NOBODY);
        Files.setAttribute(export, "unix:gid", NOBODY);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                java, "--enable-native-access=ALL-UNNAMED", "-cp", String.join(":", cp),
                NonRootProbe.class.getName(), export.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(out).contains("ALL PASSED").doesNotContain("FAIL ");
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.lines().filter(l -> l.startsWith("PASS ")).count()).isEqualTo(2 + 3 * 7);
    }

    private static Path location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.isDirectory(from)) {
            try (var s = Files.walk(from)) {
                for (Path p : s.toList()) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    LocalTesting.chmod(target, Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--");
                }
            }
        } else {
            Files.copy(from, to);
            LocalTesting.chmod(to, "rw-r--r--");
        }
    }
}
