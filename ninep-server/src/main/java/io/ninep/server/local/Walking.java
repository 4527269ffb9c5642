package io.ninep.server.local;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.server.local.sys.FdSyscalls;
import io.ninep.server.local.sys.FileStat;
import io.ninep.server.local.sys.LinuxAbi;
import io.ninep.server.local.sys.StatSyscalls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The system calls of a Twalk on the local backend: each name is one directory entry
 * ({@link Names}), opened O_PATH | O_NOFOLLOW relative to the descriptor of the step before with
 * openat2's fence ({@link Locator#RESOLVE}); "..", the one name that goes up, is found through
 * {@link Locator} and stops at the root of the attach. Only system calls, so the walk runs as the
 * attached user, inside an actor action.
 */
final class Walking {
    private Walking() {}

    private static final int PATH_FLAGS = LinuxAbi.O_PATH | LinuxAbi.O_NOFOLLOW | LinuxAbi.O_CLOEXEC;

    /** One walked element: a new O_PATH descriptor, or the root of the tree. */
    record Step(int fd, FileStat stat, String name, boolean root) {}

    /**
     * Walks {@code names} from {@code from}, a file of {@code tree}: a step per name walked, as
     * walk(5) has it (an error for the first name; a shorter list if a later one fails). The
     * descriptors of the steps are the caller's; on an error none is left open.
     */
    static List<Step> steps(Tree tree, FileHandle from, List<String> names) throws IOException {
        List<Step> steps = new ArrayList<>(names.size());
        int fd = from.fd;
        FileHandle current = from;
        boolean directory = from.isDirectory();
        try {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                Step step;
                try {
                    if (!directory) {
                        throw ErrnoException.of(Errno.ENOTDIR, current.name);
                    }
                    step = name.equals("..") ? parentStep(tree, current) : childStep(fd, name);
                } catch (IOException e) {
                    if (i == 0) {
                        throw e;
                    }
                    break;
                }
                steps.add(step);
                if (step.root()) {
                    current = tree.root;
                    fd = tree.root.fd;
                    directory = true;
                } else {
                    current = new FileHandle(step.fd(), step.stat(), step.name());   // not shared: a view for the next step
                    fd = step.fd();
                    directory = step.stat().isDirectory();
                }
            }
            return steps;
        } catch (IOException | RuntimeException | Error e) {
            for (Step s : steps) {
                if (!s.root()) {
                    FdSyscalls.close(s.fd());
                }
            }
            throw e;
        }
    }

    private static Step childStep(int dirFd, String name) throws ErrnoException {
        byte[] bytes = Names.entry(name);
        int fd = FdSyscalls.openat2(dirFd, bytes, PATH_FLAGS, 0, Locator.RESOLVE, Names.printable(name));
        try {
            return new Step(fd, StatSyscalls.fstat(fd, name), name, false);
        } catch (ErrnoException | RuntimeException e) {
            FdSyscalls.close(fd);
            throw e;
        }
    }

    /** "..": the parent, but the root of the tree is its own parent. */
    private static Step parentStep(Tree tree, FileHandle dir) throws ErrnoException {
        if (dir.key.equals(tree.root.key)) {
            return new Step(-1, null, "..", true);
        }
        Locator.Location at = Locator.locate(tree.root, dir);
        if (at.parentIsRoot()) {
            return new Step(-1, null, "..", true);
        }
        try {
            return new Step(at.parentFd(), StatSyscalls.fstat(at.parentFd(), ".."), "..", false);
        } catch (ErrnoException | RuntimeException e) {
            at.close();
            throw e;
        }
    }
}
