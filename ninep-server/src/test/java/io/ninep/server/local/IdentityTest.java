package io.ninep.server.local;

import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.testing.Prerequisites;
import static io.ninep.server.local.LocalTesting.assertErrno;
import static io.ninep.server.local.LocalTesting.walk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ninep.protocol.Errno;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.SetAttr;
import io.ninep.server.local.cred.UserDatabase;
import io.ninep.server.local.sys.ThreadCredentials;
import io.ninep.server.spi.Created;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.Identity;
import io.ninep.server.spi.LockRequest;
import io.ninep.server.spi.LockStatus;
import io.ninep.server.spi.OpenFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server running as root acts for the attached user: the kernel checks that user's
 * permissions, what the user creates is the user's, and no identity leaks into another
 * request or thread. Needs root (skipped otherwise; {@link NonRootTest} covers the other case).
 */
class IdentityTest {
    static final int ALICE = 1000;
    static final int BOB = 1001;
    static final int TEAM = 2000;
    static final int STRANGER = 4242;

    @TempDir
    Path base;
    Path export;
    LocalFileServer server;
    FileNode asRoot;
    FileNode asAlice;
    FileNode asBob;

    @BeforeEach
    void setUp() throws Exception {
        Prerequisites.requireRoot("acting for other users");
        Path passwd = Files.writeString(base.resolve("passwd"),
                "root:x:0:0:root:/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\nbob:x:1001:1001::/home/bob:/bin/sh\n");
        Path group = Files.writeString(base.resolve("group"),
                "root:x:0:\nalice:x:1000:\nbob:x:1001:\nteam:x:2000:carol,alice\n");
        LocalTesting.chmod(base, "rwxr-xr-x");
        export = Files.createDirectory(base.resolve("export"));
        LocalTesting.chmod(export, "rwxr-xr-x");
        server = new LocalFileServer(export, false, new UserDatabase(passwd, group));
        assertThat(server.actsForUsers()).isTrue();
        asRoot = server.attach(new Identity("root", 0), "");
        asAlice = server.attach(new Identity("", ALICE), "");
        asBob = server.attach(new Identity("bob", io.ninep.protocol.P9.NONUNAME), "");
        // The perms workload's layout: a user directory, root's secret and public files.
        asRoot.mkdir("user", 0755, 0);
        walk(asRoot, "user").setattr(new SetAttr(SetAttr.UID | SetAttr.GID, 0, ALICE, ALICE, 0, 0, 0, 0, 0));
        Files.writeString(export.resolve("secret"), "secret");
        LocalTesting.chmod(export.resolve("secret"), "rw-------");
        Files.writeString(export.resolve("public"), "public");
        LocalTesting.chmod(export.resolve("public"), "rw-r--r--");
        Files.writeString(export.resolve("teamfile"), "team");
        LocalTesting.chmod(export.resolve("teamfile"), "rw-r-----");
        Files.setAttribute(export.resolve("teamfile"), "unix:gid", TEAM);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            asRoot.release();
            asAlice.release();
            asBob.release();
            server.close();
        }
    }

    private static int uid(Path p) throws Exception {
        return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    private static int gid(Path p) throws Exception {
        return (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    }

    private static int mode(Path p) throws Exception {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    @Test
    void whatAUserCreatesIsTheUsers() throws Exception {
        FileNode user = walk(asAlice, "user");
        Created c = user.create("f", 2, 0644, ALICE);
        c.file().write(0, ByteBuffer.wrap("u\n".getBytes()));
        c.file().close();
        c.node().release();
        user.mkdir("d", 0755, ALICE);
        user.symlink("l", "f", ALICE);
        user.mknod("p", LinuxFileMode.S_IFIFO | 0600, 0, 0, ALICE);
        for (String n : List.of("f", "d", "l", "p")) {
            Path p = export.resolve("user").resolve(n);
            assertThat(uid(p)).as(n).isEqualTo(ALICE);
            assertThat(gid(p)).as(n).isEqualTo(ALICE);
        }
        // umask 077 on the client: mode 0600 arrives, and stays 0600.
        user.create("g", 2, 0600, ALICE).file().close();
        assertThat(mode(export.resolve("user/g"))).isEqualTo(0600);
        // A group the user belongs to, sent as the process's gid.
        user.create("teamed", 2, 0640, TEAM).file().close();
        assertThat(gid(export.resolve("user/teamed"))).isEqualTo(TEAM);
        user.release();
    }

    @Test
    void theKernelChecksTheUsersPermissions() throws Exception {
        FileNode secret = walk(asAlice, "secret");
        assertErrno(() -> secret.open(0), Errno.EACCES);
        assertThat(LocalTesting.read(walk(asAlice, "public"))).isEqualTo("public");
        assertErrno(() -> asAlice.create("rootfile", 2, 0644, ALICE), Errno.EACCES);
        assertErrno(() -> asAlice.mkdir("rootdir", 0755, ALICE), Errno.EACCES);
        assertErrno(() -> asAlice.unlinkAt("public", 0), Errno.EACCES);
        assertErrno(() -> asAlice.renameAt("public", asAlice, "mine"), Errno.EACCES);
        FileNode pub = walk(asAlice, "public");
        assertErrno(() -> pub.open(1), Errno.EACCES);
        assertErrno(() -> pub.setattr(new SetAttr(SetAttr.MODE, 0777, 0, 0, 0, 0, 0, 0, 0)), Errno.EPERM);
        assertErrno(() -> pub.setattr(new SetAttr(SetAttr.SIZE, 0, 0, 0, 0, 0, 0, 0, 0)), Errno.EACCES);
        assertErrno(() -> pub.setattr(new SetAttr(SetAttr.MTIME | SetAttr.MTIME_SET, 0, 0, 0, 0, 0, 0, 5, 0)),
                Errno.EPERM);
        // "touch": both times to now needs write permission only, so the answer is EACCES here.
        assertErrno(() -> pub.setattr(new SetAttr(SetAttr.ATIME | SetAttr.MTIME, 0, 0, 0, 0, 0, 0, 0, 0)),
                Errno.EACCES);
        assertErrno(() -> pub.setxattr("user.x", new byte[] {1}, 0), Errno.EACCES, Errno.EPERM);
        assertThat(Files.readString(export.resolve("public"))).isEqualTo("public");
        // Search permission: a walk into a directory the user may not search stops there.
        Files.createDirectory(export.resolve("private"));
        LocalTesting.chmod(export.resolve("private"), "rwx------");
        Files.writeString(export.resolve("private/f"), "x");
        assertThat(LocalTesting.walkLength(asAlice, "private", "f")).isEqualTo(1);
        assertThat(LocalTesting.walkLength(asRoot, "private", "f")).isEqualTo(2);
        secret.release();
        pub.release();
    }

    @Test
    void supplementaryGroupsComeFromTheGroupFile() throws Exception {
        assertThat(LocalTesting.read(walk(asAlice, "teamfile"))).isEqualTo("team");
        assertErrno(() -> walk(asBob, "teamfile").open(0), Errno.EACCES);
    }

    @Test
    void ownershipChangesFollowTheKernelsRules() throws Exception {
        FileNode user = walk(asAlice, "user");
        user.create("f", 2, 0644, ALICE).file().close();
        FileNode f = walk(user, "f");
        assertErrno(() -> f.setattr(new SetAttr(SetAttr.UID, 0, 0, 0, 0, 0, 0, 0, 0)), Errno.EPERM);
        assertErrno(() -> f.setattr(new SetAttr(SetAttr.GID, 0, 0, 0, 0, 0, 0, 0, 0)), Errno.EPERM);
        assertErrno(() -> f.setattr(new SetAttr(SetAttr.UID, 0, BOB, 0, 0, 0, 0, 0, 0)), Errno.EPERM);
        f.setattr(new SetAttr(SetAttr.GID, 0, 0, TEAM, 0, 0, 0, 0, 0));
        assertThat(gid(export.resolve("user/f"))).isEqualTo(TEAM);
        f.setattr(new SetAttr(SetAttr.MODE, 0640, 0, 0, 0, 0, 0, 0, 0));
        assertThat(mode(export.resolve("user/f"))).isEqualTo(0640);
        f.setattr(new SetAttr(SetAttr.MTIME | SetAttr.MTIME_SET, 0, 0, 0, 0, 0, 0, 1_000_000_000L, 0));
        user.renameAt("f", user, "f2");
        assertThat(Files.exists(export.resolve("user/f2"))).isTrue();
        assertThat(LocalTesting.read(walk(asRoot, "user", "f2"))).isEmpty();
        f.release();
        user.release();
    }

    @Test
    void aSetGroupIdDirectoryGivesItsGroupToUsersFiles() throws Exception {
        asRoot.mkdir("shared", 0777, TEAM);
        walk(asRoot, "shared").setattr(new SetAttr(SetAttr.MODE, 02777, 0, 0, 0, 0, 0, 0, 0));
        assertThat(gid(export.resolve("shared"))).isEqualTo(TEAM);
        assertThat(mode(export.resolve("shared"))).isEqualTo(02777);
        FileNode shared = walk(asBob, "shared");
        shared.create("f", 2, 0644, BOB).file().close();
        shared.mkdir("d", 0755, BOB);
        assertThat(gid(export.resolve("shared/f"))).isEqualTo(TEAM);
        assertThat(gid(export.resolve("shared/d"))).isEqualTo(TEAM);
        assertThat(mode(export.resolve("shared/d"))).isEqualTo(02755);
        assertThat(uid(export.resolve("shared/f"))).isEqualTo(BOB);
        shared.release();
    }

    @Test
    void capabilitiesAreDroppedForUsers() throws Exception {
        FileNode user = walk(asAlice, "user");
        user.create("f", 2, 0644, ALICE).file().close();
        FileNode f = walk(user, "f");
        f.setxattr("user.mine", "v".getBytes(), 0);
        assertErrno(() -> f.setxattr("trusted.evil", "v".getBytes(), 0), Errno.EPERM);
        assertErrno(() -> f.setxattr("security.capability", new byte[20], 0), Errno.EPERM, Errno.EINVAL);
        assertErrno(() -> user.mknod("dev", LinuxFileMode.S_IFCHR | 0666, 1, 3, ALICE), Errno.EPERM);
        // Root's own attach keeps root's powers.
        FileNode asRootF = walk(asRoot, "user", "f");
        asRootF.setxattr("trusted.fine", "v".getBytes(), 0);
        asRootF.release();
        f.release();
        user.release();
    }

    @Test
    void anUnknownUidActsWithItsUidAndTheGroupItSends() throws Exception {
        Files.createDirectory(export.resolve("open"));
        LocalTesting.chmod(export.resolve("open"), "rwxrwxrwx");
        FileNode stranger = server.attach(new Identity("", STRANGER), "");
        FileNode open = walk(stranger, "open");
        open.create("f", 2, 0644, STRANGER).file().close();
        assertThat(uid(export.resolve("open/f"))).isEqualTo(STRANGER);
        assertThat(gid(export.resolve("open/f"))).isEqualTo(STRANGER);
        assertErrno(() -> walk(stranger, "teamfile").open(0), Errno.EACCES);
        open.release();
        stranger.release();
        assertErrno(() -> server.attach(new Identity("nosuchuser", io.ninep.protocol.P9.NONUNAME), ""), Errno.EACCES);
    }

    @Test
    void locksAreSharedAcrossUsers() throws Exception {
        Files.writeString(export.resolve("user/shared"), "x");
        LocalTesting.chmod(export.resolve("user/shared"), "rw-rw-rw-");
        OpenFile a = walk(asAlice, "user", "shared").open(2);
        OpenFile r = walk(asRoot, "user", "shared").open(2);
        assertThat(a.lock(new LockRequest(1, 0, 0, 10, 1, "c"))).isEqualTo(LockStatus.SUCCESS);
        assertThat(r.lock(new LockRequest(1, 0, 5, 10, 2, "c"))).isEqualTo(LockStatus.BLOCKED);
        a.close();
        assertThat(r.lock(new LockRequest(1, 0, 5, 10, 2, "c"))).isEqualTo(LockStatus.SUCCESS);
        r.close();
    }

    @Test
    void identitiesNeverMixAcrossConcurrentRequestsOrThreads() throws Exception {
        asRoot.mkdir("mix", 0777, 0);
        FileNode[] attaches = {asRoot, asAlice, asBob};
        int[] uids = {0, ALICE, BOB};
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                int who = i % 3;
                int n = i;
                done.add(pool.submit(() -> {
                    FileNode mix = walk(attaches[who], "mix");
                    mix.create("f" + n, 2, 0644, uids[who]).file().close();
                    Attr a = walk(mix, "f" + n).getattr(Attr.ALL);
                    if (a.uid() != uids[who] || a.gid() != uids[who]) {
                        throw new AssertionError("f" + n + " is " + a.uid() + ":" + a.gid() + ", want " + uids[who]);
                    }
                    // Root may read the secret, the others may not, whatever thread ran the last request.
                    if (who == 0) {
                        LocalTesting.read(walk(attaches[who], "secret"));
                    } else {
                        assertErrno(() -> walk(attaches[who], "secret").open(0), Errno.EACCES);
                    }
                    mix.release();
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        // Every thread that ran a request (carriers included) still has root's credentials.
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<int[]>> ids = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                ids.add(pool.submit(() -> {
                    Thread.sleep(1);
                    int[] fs = ThreadCredentials.fsIds();
                    return new int[] {fs[0], fs[1], ThreadCredentials.effectiveCapabilities()};
                }));
            }
            int rootCaps = ThreadCredentials.effectiveCapabilities();
            for (Future<int[]> f : ids) {
                assertThat(f.get()).containsExactly(0, 0, rootCaps);
            }
        }
        assertThat(ThreadCredentials.fsIds()).containsExactly(0, 0);
    }
}
