package io.ninep.server.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoMapping;
import io.ninep.server.local.sys.ThreadCredentials;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.OpenFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Helpers for the local backend's own tests. */
final class LocalTesting {
    private LocalTesting() {}

    @FunctionalInterface
    interface Failing {
        void run() throws Exception;
    }

    static void assertErrno(Failing action, Errno... expected) {
        try {
            action.run();
        } catch (Exception e) {
            int got = ErrnoMapping.errnoOf(e);
            if (Arrays.stream(expected).noneMatch(x -> x.number() == got)) {
                throw new AssertionError("expected " + Arrays.toString(expected) + " but got " + Errno.name(got) + ": " + e, e);
            }
            return;
        }
        fail("expected " + Arrays.toString(expected) + ", but it succeeded");
    }

    static boolean isRoot() {
        return ThreadCredentials.geteuid() == 0;
    }

    /** Walks every name or fails; the caller releases the node. */
    static FileNode walk(FileNode from, String... names) throws IOException {
        List<FileNode> nodes = from.walk(List.of(names));
        for (int i = 0; i < nodes.size() - 1; i++) {
            nodes.get(i).release();
        }
        assertThat(nodes).as("walk %s", Arrays.toString(names)).hasSize(names.length);
        return nodes.getLast();
    }

    /** How many of {@code names} a walk gets through (0 if the first fails), releasing the nodes. */
    static int walkLength(FileNode from, String... names) {
        try {
            List<FileNode> nodes = from.walk(List.of(names));
            nodes.forEach(FileNode::release);
            return nodes.size();
        } catch (IOException e) {
            return 0;
        }
    }

    static String read(FileNode node) throws IOException {
        OpenFile f = node.open(0);
        try {
            ByteBuffer b = ByteBuffer.allocate(1 << 16);
            f.read(0, b);
            return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
        } finally {
            f.close();
        }
    }

    static void chmod(Path p, String perms) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    /** Every file below {@code dir} with its content, for "nothing changed" checks. */
    static List<String> snapshot(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted().toList()) {
                String what = dir.relativize(p) + " " + Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        + " " + Files.getAttribute(p, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        + " " + Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    what += " " + Files.readString(p);
                }
                out.add(what);
            }
        }
        return out;
    }
}
