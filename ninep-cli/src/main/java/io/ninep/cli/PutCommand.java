package io.ninep.cli;

import io.ninep.cli.files.ErrorText;
import io.ninep.cli.files.Failure;
import io.ninep.cli.files.FileInfo;
import io.ninep.cli.files.Progress;
import io.ninep.cli.files.Remote;
import io.ninep.cli.files.RemotePath;
import io.ninep.cli.files.Reporter;
import io.ninep.cli.files.Transfers;
import io.ninep.client.Fid;
import io.ninep.client.FileModes;
import io.ninep.client.RemoteErrorException;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.Errno;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.message.Stat;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ninep put}: copies a file of this machine to the server, checked and all-or-nothing. */
@Command(name = "put",
        description = {
            "Copy a file to a 9P server, checked and all-or-nothing.",
            "Copy LOCAL ('-': standard input) to the server as REMOTE (default: LOCAL's name in the root, or in"
                + " the path of a 9p:// address; into REMOTE if it is a directory or ends in '/').",
            "An existing REMOTE is never replaced without -f, and never appended to: nothing is resumed. The copy"
                + " is written to a hidden temporary file beside REMOTE (.NAME.ninep-XXXXXX), synced (9P2000.L), and"
                + " renamed to REMOTE only once complete and checked, so a failed put leaves no partial file under"
                + " REMOTE's name; the temporary file is removed (on Ctrl-C too, if the server still answers)."
                + " --in-place writes into REMOTE itself instead (for synthetic files, such as control files, that"
                + " must not be replaced); a failure then leaves what was written.",
            "The check: the size the server reports must be the bytes sent (except for a file written --in-place that"
                + " reports size 0 before and after: a synthetic file), and LOCAL must not change size while it is"
                + " read. New files get LOCAL's permission bits (0644 from standard input).",
            "On a terminal, a progress bar on standard error shows the rate in MiB/s and the time left.",
            FileCommand.EXIT_HELP
        },
        sortOptions = false)
final class PutCommand extends FileCommand {

    @Mixin
    TransferOptions transfer;

    @Option(names = "--in-place", description = "write into REMOTE itself, not a temporary file renamed over it")
    boolean inPlace;

    @Parameters(index = "1", paramLabel = "LOCAL", description = "the file to copy; - for standard input")
    String localPath;

    @Parameters(index = "2", arity = "0..1", paramLabel = "REMOTE", description = "where to put it")
    String remotePath;

    @Override
    String name() {
        return "put";
    }

    @Override
    void checkUsage() throws Failure {
        if (localPath.equals("-") && remotePath == null && Remote.uriPath(address).isEmpty()) {
            throw Failure.usage("standard input needs a REMOTE name");
        }
    }

    /** What is sent: a regular file (its size and mode known) or standard input. */
    private record Source(ReadableByteChannel channel, long size, int mode, Instant mtime, String name) {}

    @Override
    void run(Remote r, Reporter rep) throws IOException {
        Source source = openSource(rep);
        if (source == null) {
            return;
        }
        try (ReadableByteChannel in = source.channel()) {
            RemotePath dst = destination(r, source);
            if (dst == null) {
                rep.error("standard input needs a REMOTE file name, not a directory");
                return;
            }
            if (dst.isRoot()) {
                rep.error("cannot create " + ErrorText.quote(dst.shown()) + ": " + Errno.EISDIR.text());
                return;
            }
            send(r, rep, source, dst);
        } catch (IOException e) {
            if (e instanceof Transfers.LocalFailure l) {
                rep.error(ErrorText.quote(localPath) + ": " + ErrorText.of(l.getCause()));
            } else {
                throw e;
            }
        }
    }

    private Source openSource(Reporter rep) {
        if (localPath.equals("-")) {
            return new Source(Channels.newChannel(System.in), -1, 0644, null, "");
        }
        try {
            Path p = Path.of(localPath);
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
            if (a.isDirectory()) {
                rep.error(ErrorText.quote(localPath) + ": " + Errno.EISDIR.text());
                return null;
            }
            int mode = 0;
            for (var perm : a.permissions()) {
                mode |= 0400 >> perm.ordinal();
            }
            FileChannel ch = FileChannel.open(p, StandardOpenOption.READ);
            return new Source(ch, a.isRegularFile() ? a.size() : -1, mode, a.lastModifiedTime().toInstant(),
                    p.getFileName().toString());
        } catch (IOException | InvalidPathException e) {
            rep.error("cannot stat " + ErrorText.quote(localPath) + ": " + ErrorText.of(e));
            return null;
        }
    }

    /** REMOTE, or into it when it is a directory (or ends in /); null if standard input would need a name. */
    private RemotePath destination(Remote r, Source source) throws IOException {
        RemotePath dst = remotePath != null ? r.path(remotePath) : r.defaultPath("/");
        boolean directory = dst.trailingSlash() || remotePath == null && dst.isRoot();
        if (!directory) {
            try (Fid f = r.walk(dst)) {
                directory = f.qid().isDirectory();
            } catch (RemoteErrorException e) {
                if (!ErrorText.is(e, Errno.ENOENT)) {
                    throw e;
                }
            }
        }
        if (!directory) {
            return dst;
        }
        return source.name().isEmpty() ? null : dst.child(source.name());
    }

    private void send(Remote r, Reporter rep, Source source, RemotePath dst) throws IOException {
        String shown = ErrorText.quote(dst.shown());
        try (Fid dir = r.walkParent(dst)) {
            boolean exists = exists(dir, dst.name());
            if (exists && !transfer.force) {
                rep.error("cannot create " + shown + ": " + Errno.EEXIST.text() + " (use -f to replace it)");
                return;
            }
            Progress progress = transfer.bar(rep.stream(), dst.name(), source.size());
            try {
                if (inPlace) {
                    sendInPlace(r, rep, source, dst, dir, exists, progress);
                } else {
                    sendAndRename(r, rep, source, dst, dir, progress);
                }
            } catch (IOException e) {
                progress.abandon();
                throw e;
            }
        } catch (Transfers.LocalFailure e) {
            throw e;
        } catch (IOException e) {
            failed(r, rep, "cannot create " + shown, e);
        }
    }

    private void sendAndRename(Remote r, Reporter rep, Source source, RemotePath dst, Fid dir, Progress progress)
            throws IOException {
        String temp = temporaryName(dst.name());
        Thread cleanup = new Thread(() -> removeQuietly(r, dir, temp, true), "ninep put cleanup");
        boolean done = false;
        try (Fid f = r.create(dir, temp, LinuxOpenFlags.O_WRONLY | LinuxOpenFlags.O_EXCL, source.mode() & 07777)) {
            Runtime.getRuntime().addShutdownHook(cleanup);
            long sent = Transfers.write(source.channel(), f, progress::update);
            if (!verify(r, rep, source, dst, f, sent, -1, progress)) {
                return;
            }
            if (exists(dir, dst.name())) {
                if (!transfer.force) {
                    progress.abandon();
                    rep.error("cannot create " + ErrorText.quote(dst.shown()) + ": " + Errno.EEXIST.text()
                            + " (it appeared during the transfer; use -f to replace it)");
                    return;
                }
                if (r.dialect() != Dialect.P9P2000_L) {
                    dir.delete(dst.name(), false);   // a 9P2000 wstat rename does not replace a file
                }
            }
            if (r.dialect() == Dialect.P9P2000_L) {
                dir.renameat(temp, dir, dst.name());
            } else {
                f.wstat(Stat.unchanged().withName(dst.name()));
            }
            done = true;
            progress.finish(sent);
        } finally {
            if (!done) {
                removeQuietly(r, dir, temp, false);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }

    private void sendInPlace(Remote r, Reporter rep, Source source, RemotePath dst, Fid dir, boolean exists,
                             Progress progress) throws IOException {
        Fid f;
        long sizeBefore = -1;
        if (exists) {
            f = dir.walk(dst.name());
            try {
                sizeBefore = r.info(f).size();
                f.open(LinuxOpenFlags.O_WRONLY | LinuxOpenFlags.O_TRUNC);
            } catch (IOException e) {
                f.close();
                throw e;
            }
        } else {
            f = r.create(dir, dst.name(), LinuxOpenFlags.O_WRONLY | LinuxOpenFlags.O_EXCL, source.mode() & 07777);
        }
        try (f) {
            long sent = Transfers.write(source.channel(), f, progress::update);
            if (verify(r, rep, source, dst, f, sent, sizeBefore, progress)) {
                progress.finish(sent);
            }
        }
    }

    /**
     * Checks sizes, syncs, applies -p; false (reported) if the copy is not right. A file written
     * in place that reported size 0 before and after ({@code sizeBefore} 0) is a synthetic one,
     * such as a control file: what it reports says nothing about what it took.
     */
    private boolean verify(Remote r, Reporter rep, Source source, RemotePath dst, Fid f, long sent, long sizeBefore,
                           Progress progress) throws IOException {
        if (source.size() >= 0) {
            long now;
            try {
                now = Files.size(Path.of(localPath));
            } catch (IOException e) {
                throw new Transfers.LocalFailure(e);
            }
            if (now != source.size() || sent != source.size()) {
                progress.abandon();
                rep.error(ErrorText.quote(localPath) + ": file changed as we read it (" + source.size() + " bytes at the"
                        + " start, " + sent + " read, " + now + " now); " + ErrorText.quote(dst.shown())
                        + (inPlace ? " is incomplete" : " was not written"));
                return false;
            }
        }
        if (r.dialect() == Dialect.P9P2000_L) {
            try {
                f.fsync(false);
            } catch (RemoteErrorException e) {
                if (!unsupported(e)) {
                    throw e;
                }
            }
        }
        FileInfo after = r.info(f);
        boolean synthetic = sizeBefore == 0 && after.size() == 0;
        if (after.size() != sent && !synthetic) {
            progress.abandon();
            rep.error(dst.shown() + ": size mismatch: " + sent + " bytes were sent, the server reports " + after.size()
                    + "; " + ErrorText.quote(dst.shown()) + (inPlace ? " is incomplete" : " was not written"));
            return false;
        }
        if (transfer.preserve && source.mtime() != null) {
            if (r.dialect() == Dialect.P9P2000_L) {
                f.setattr(FileModes.times(null, source.mtime()));
            } else {
                f.wstat(Stat.unchanged().withMtime((int) source.mtime().getEpochSecond()));
            }
        }
        return true;
    }

    private static boolean unsupported(RemoteErrorException e) {
        return ErrorText.is(e, Errno.EOPNOTSUPP) || ErrorText.is(e, Errno.ENOSYS) || ErrorText.is(e, Errno.ENOTSUPP);
    }

    private static boolean exists(Fid dir, String name) throws IOException {
        try (Fid f = dir.walk(name)) {
            return true;
        } catch (RemoteErrorException e) {
            if (ErrorText.is(e, Errno.ENOENT)) {
                return false;
            }
            throw e;
        }
    }

    /** ".NAME.ninep-XXXXXX". */
    static String temporaryName(String name) {
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        String base = name.length() > 200 ? name.substring(0, 200) : name;
        return "." + base + ".ninep-" + HexFormat.of().formatHex(random);
    }

    /** Removes the temporary file; from the shutdown hook, waiting at most two seconds for the server. */
    private static void removeQuietly(Remote r, Fid dir, String name, boolean bounded) {
        try {
            if (bounded) {
                r.session().async(() -> {
                    dir.delete(name, false);
                    return null;
                }).get(2, TimeUnit.SECONDS);
            } else {
                dir.delete(name, false);
            }
        } catch (Exception e) {
            // the connection may be gone; the name says what the file is
        }
    }
}
