package io.ninep.server.local;

import io.ninep.protocol.ErrnoMapping;
import io.ninep.protocol.Errno;
import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.P9;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.SetAttr;
import io.ninep.server.local.sys.ThreadCredentials;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.Identity;
import java.nio.file.Path;
import java.util.List;

/**
 * Run by {@link NonRootTest} in a child JVM as an ordinary user: the server acts as itself
 * whoever attaches. Prints "PASS name" or "FAIL name: why" per check; exits 1 if any failed.
 */
public final class NonRootProbe {
    private static int failures;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int me = ThreadCredentials.geteuid();
        check("not root", me != 0, "euid " + me);
        try (LocalFileServer server = new LocalFileServer(dir)) {
            check("acts as itself", !server.actsForUsers(), "actsForUsers");
            for (Identity who : List.of(new Identity("root", 0), new Identity("", 1000), new Identity("x", P9.NONUNAME))) {
                FileNode root = server.attach(who, "");
                String n = "f" + Integer.toUnsignedString(who.uid());
                root.create(n, 2, 0644, 0).file().close();
                FileNode f = root.walk(List.of(n)).getFirst();
                Attr a = f.getattr(Attr.ALL);
                check(who + " creates files of the server's user", a.uid() == me && a.gid() == me,
                        a.uid() + ":" + a.gid());
                check(who + " chown to root is EPERM", errno(() -> f.setattr(
                        new SetAttr(SetAttr.UID, 0, 0, 0, 0, 0, 0, 0, 0))) == Errno.EPERM.number(), "");
                check(who + " chgrp to root is EPERM", errno(() -> f.setattr(
                        new SetAttr(SetAttr.GID, 0, 0, 0, 0, 0, 0, 0, 0))) == Errno.EPERM.number(), "");
                check(who + " chown to itself works", errno(() -> f.setattr(
                        new SetAttr(SetAttr.UID | SetAttr.GID, 0, me, me, 0, 0, 0, 0, 0))) == 0, "");
                check(who + " chmod works", errno(() -> f.setattr(
                        new SetAttr(SetAttr.MODE, 0600, 0, 0, 0, 0, 0, 0, 0))) == 0, "");
                check(who + " mknod of a device is EPERM", errno(() -> root.mknod("dev" + n,
                        LinuxFileMode.S_IFCHR | 0600, 1, 3, 0)) == Errno.EPERM.number(), "");
                check(who + " trusted xattr is EPERM", errno(() -> f.setxattr("trusted.x", new byte[] {1}, 0))
                        == Errno.EPERM.number(), "");
                f.release();
                root.release();
            }
        }
        System.out.println(failures == 0 ? "ALL PASSED" : failures + " FAILED");
        System.exit(failures == 0 ? 0 : 1);
    }

    interface Action {
        void run() throws Exception;
    }

    private static int errno(Action a) {
        try {
            a.run();
            return 0;
        } catch (Exception e) {
            return ErrnoMapping.errnoOf(e);
        }
    }

    private static void check(String name, boolean ok, String detail) {
        if (ok) {
            System.out.println("PASS " + name);
        } else {
            failures++;
            System.out.println("FAIL " + name + ": " + detail);
        }
    }
}
