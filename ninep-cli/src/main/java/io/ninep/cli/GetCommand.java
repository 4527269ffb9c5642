package io.ninep.cli;

import io.ninep.cli.files.ErrorText;
import io.ninep.cli.files.Failure;
import io.ninep.cli.files.FileInfo;
import io.ninep.cli.files.Output;
import io.ninep.cli.files.Progress;
import io.ninep.cli.files.Remote;
import io.ninep.cli.files.RemotePath;
import io.ninep.cli.files.Reporter;
import io.ninep.cli.files.Transfers;
import io.ninep.client.Fid;
import io.ninep.protocol.Errno;
import io.ninep.protocol.LinuxOpenFlags;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ninep get}: copies a file of the server to this machine, checked and all-or-nothing. */
@Command(name = "get",
        description = {
            "Copy a file from a 9P server, checked and all-or-nothing.",
            "Copy the file REMOTE of the server (through symbolic links, followed by the client) to LOCAL (default: REMOTE's name in the current directory; into"
                + " LOCAL if it is a directory; standard output if '-').",
            "An existing LOCAL is never replaced without -f, and never appended to: nothing is resumed. The copy"
                + " is written to a hidden temporary file beside LOCAL (.NAME.ninep-XXXXXX), synced, and renamed to"
                + " LOCAL only once complete and checked, so an interrupted or failed get leaves no partial file"
                + " under LOCAL's name (and removes the temporary one, Ctrl-C included).",
            "The check: the bytes received must be the size the server reports, before and after the transfer, and"
                + " the size on disk. A file that reports size 0 before and after (a synthetic file, as in /proc) is"
                + " read to its end and taken as it comes.",
            "On a terminal, a progress bar on standard error shows the rate in MiB/s and the time left.",
            FileCommand.EXIT_HELP
        },
        sortOptions = false)
final class GetCommand extends FileCommand {

    @Mixin
    TransferOptions transfer;

    @Option(names = {"-o", "--output"}, paramLabel = "LOCAL", description = "where to write (instead of the LOCAL operand)")
    String output;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REMOTE",
            description = "the file to copy (may come from a 9p:// address instead)")
    String remotePath;

    @Parameters(index = "2", arity = "0..1", paramLabel = "LOCAL", description = "where to write it")
    String localPath;

    @Override
    String name() {
        return "get";
    }

    @Override
    void checkUsage() throws Failure {
        if (remotePath == null && Remote.uriPath(address).isEmpty()) {
            throw Failure.usage("missing REMOTE operand (which file?)");
        }
        if (output != null && localPath != null) {
            throw Failure.usage("both -o and a LOCAL operand: which one?");
        }
    }

    @Override
    void run(Remote r, Reporter rep) throws IOException, Failure {
        RemotePath src = remotePath != null ? r.path(remotePath) : r.defaultPath("/");
        String local = output != null ? output : localPath;
        try (Fid f = r.walkFollowing(src)) {
            FileInfo before = r.info(f);
            if (before.isDirectory()) {
                rep.error(src.shown() + ": " + Errno.EISDIR.text());
                return;
            }
            if ("-".equals(local)) {
                toStandardOutput(r, rep, src, f, before);
                return;
            }
            Path target = target(local, src.name());
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                rep.error("cannot create " + ErrorText.quote(target.toString()) + ": " + Errno.EISDIR.text());
                return;
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !transfer.force) {
                rep.error("cannot create " + ErrorText.quote(target.toString()) + ": " + Errno.EEXIST.text()
                        + " (use -f to replace it)");
                return;
            }
            toFile(r, rep, src, f, before, target);
        } catch (Transfers.LocalFailure e) {
            rep.error(ErrorText.of(e.getCause()));   // standard output
        } catch (IOException e) {
            failed(r, rep, src.shown(), e);
        }
    }

    /** LOCAL, or into LOCAL if it is a directory, or the remote name here. */
    private static Path target(String local, String remoteName) throws Failure {
        try {
            if (local == null) {
                return Path.of(remoteName);
            }
            Path p = Path.of(local);
            return Files.isDirectory(p) ? p.resolve(remoteName) : p;
        } catch (InvalidPathException e) {
            throw Failure.failed("cannot create '" + (local == null ? remoteName : local) + "': " + e.getReason());
        }
    }

    private void toFile(Remote r, Reporter rep, RemotePath src, Fid f, FileInfo before, Path target) throws IOException {
        String shownTarget = ErrorText.quote(target.toString());
        Path temp;
        try {
            temp = createTemporary(target);
        } catch (IOException e) {
            rep.error("cannot create " + shownTarget + ": " + ErrorText.of(e));
            return;
        }
        Thread cleanup = new Thread(() -> deleteQuietly(temp), "ninep get cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        Progress progress = transfer.bar(rep.stream(), target.getFileName().toString(), before.size() > 0 ? before.size() : -1);
        try {
            f.open(LinuxOpenFlags.O_RDONLY);
            boolean windowed = before.size() > 0;
            long received;
            long onDisk;
            try (FileChannel ch = local(() -> FileChannel.open(temp, StandardOpenOption.WRITE))) {
                ByteBuffer buffer = Transfers.bufferFor(f, windowed, true);
                received = Transfers.read(f, buffer, windowed, bytes -> {
                    while (bytes.hasRemaining()) {
                        ch.write(bytes);
                    }
                }, progress::update);
                onDisk = local(() -> {
                    ch.force(true);
                    return ch.size();
                });
            }
            FileInfo after = r.info(f);
            String mismatch = mismatch(before, after, received);
            if (mismatch == null && onDisk != received) {
                mismatch = received + " bytes were received but " + onDisk + " are on disk";
            }
            if (mismatch != null) {
                progress.abandon();
                rep.error(src.shown() + ": size mismatch: " + mismatch + "; " + shownTarget + " was not written");
                return;
            }
            if (!transfer.force && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                progress.abandon();
                rep.error("cannot create " + shownTarget + ": " + Errno.EEXIST.text()
                        + " (it appeared during the transfer; use -f to replace it)");
                return;
            }
            local(() -> {
                if (transfer.preserve) {
                    Files.setLastModifiedTime(temp, FileTime.from(after.mtime()));
                    Files.setPosixFilePermissions(temp, permissions(after.mode()));
                }
                return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            });
            progress.finish(received);
        } catch (Transfers.LocalFailure e) {
            progress.abandon();
            rep.error(shownTarget + ": " + ErrorText.of(e.getCause()));
        } catch (IOException e) {
            progress.abandon();
            throw e;
        } finally {
            deleteQuietly(temp);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }

    /** A local file operation; its failure is this machine's, not the server's. */
    private interface LocalStep<T> {
        T run() throws IOException;
    }

    private static <T> T local(LocalStep<T> step) throws Transfers.LocalFailure {
        try {
            return step.run();
        } catch (IOException e) {
            throw new Transfers.LocalFailure(e);
        }
    }

    private void toStandardOutput(Remote r, Reporter rep, RemotePath src, Fid f, FileInfo before) throws IOException {
        Progress progress = transfer.bar(rep.stream(), src.name(), before.size() > 0 ? before.size() : -1);
        f.open(LinuxOpenFlags.O_RDONLY);
        boolean windowed = before.size() > 0;
        long received;
        try (Output out = new Output(System.out)) {
            received = Transfers.read(f, Transfers.bufferFor(f, windowed, false), windowed, bytes -> {
                out.write(bytes);
                if (!windowed) {
                    out.flush();
                }
            }, progress::update);
        } catch (IOException e) {
            progress.abandon();
            throw e;
        }
        String mismatch = mismatch(before, r.info(f), received);
        if (mismatch != null) {
            progress.abandon();
            rep.error(src.shown() + ": size mismatch: " + mismatch + "; standard output is incomplete");
            return;
        }
        progress.finish(received);
    }

    /**
     * Why the bytes received are not the file, or null if they are: the size the server reports
     * must be the same before and after, and equal the bytes received, unless it is 0 both times
     * (a synthetic file, whose size is unknown until read).
     */
    static String mismatch(FileInfo before, FileInfo after, long received) {
        if (before.size() != after.size()) {
            return "the file changed during the transfer (" + before.size() + " bytes before, " + after.size() + " after)";
        }
        if (after.size() == 0) {
            return null;
        }
        if (received != after.size()) {
            return "the server reports " + after.size() + " bytes, " + received + " were received";
        }
        return null;
    }

    /** A new empty file beside {@code target}: ".NAME.ninep-XXXXXX", with the default permissions (0666 less the umask). */
    static Path createTemporary(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        String name = target.getFileName().toString();
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        for (int tries = 0; ; tries++) {
            byte[] random = new byte[3];
            ThreadLocalRandom.current().nextBytes(random);
            Path temp = dir.resolve("." + name + ".ninep-" + HexFormat.of().formatHex(random));
            try {
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (tries > 100) {
                    throw e;
                }
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // nothing more to do; the name says what it is
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values();   // OWNER_READ ... OTHERS_EXECUTE: bits 8..0
        for (int i = 0; i < 9; i++) {
            if ((mode & (0400 >> i)) != 0) {
                s.add(all[i]);
            }
        }
        return s;
    }
}
