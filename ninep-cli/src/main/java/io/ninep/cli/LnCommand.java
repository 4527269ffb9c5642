package io.ninep.cli;

import io.ninep.cli.files.ErrorText;
import io.ninep.cli.files.Failure;
import io.ninep.cli.files.Remote;
import io.ninep.cli.files.RemotePath;
import io.ninep.cli.files.Reporter;
import io.ninep.client.Fid;
import io.ninep.client.RemoteErrorException;
import io.ninep.protocol.Errno;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ninep ln}: makes hard links, or with -s symbolic links, on the server. */
@Command(name = "ln",
        description = {
            "Make hard or symbolic links on a 9P server.",
            "Make LINK a hard link to the file TARGET on the server, or with -s a symbolic link whose content is"
                + " TARGET, as written. LINK defaults to TARGET's last name in the root (or the path of a 9p://"
                + " address); if LINK is a directory, the link goes into it. An existing LINK is an error unless"
                + " -f removes it first. Hard links to directories are refused. Needs 9P2000.L or 9P2000.u.",
            FileCommand.EXIT_HELP
        },
        sortOptions = false)
final class LnCommand extends FileCommand {

    @Option(names = {"-s", "--symbolic"}, description = "make a symbolic link")
    boolean symbolic;

    @Option(names = {"-f", "--force"}, description = "remove an existing LINK first")
    boolean force;

    @Option(names = {"-T", "--no-target-directory"}, description = "treat LINK as a name even if it is a directory")
    boolean noTargetDirectory;

    @Parameters(index = "1", paramLabel = "TARGET", description = "what the link points to")
    String target;

    @Parameters(index = "2", arity = "0..1", paramLabel = "LINK", description = "the link to make")
    String linkPath;

    @Override
    String name() {
        return "ln";
    }

    @Override
    void checkUsage() throws Failure {
        if (target.isEmpty()) {
            throw Failure.usage("empty TARGET");
        }
    }

    @Override
    void run(Remote r, Reporter rep) throws IOException {
        String targetName = RemotePath.of(target, java.util.List.of()).name();
        RemotePath link = linkPath != null ? r.path(linkPath) : r.defaultPath("/");
        if (!noTargetDirectory && (linkPath == null || isDirectory(r, link))) {
            if (targetName.isEmpty()) {
                rep.error("cannot make a link named after " + ErrorText.quote(target) + "; give LINK");
                return;
            }
            link = link.child(targetName);
        }
        String what = symbolic ? "failed to create symbolic link " + ErrorText.quote(link.shown())
                : "failed to create hard link " + ErrorText.quote(link.shown()) + " => " + ErrorText.quote(target);
        if (link.isRoot()) {
            rep.error(what + ": " + Errno.EEXIST.text());
            return;
        }
        try (Fid dir = r.walkParent(link)) {
            if (symbolic) {
                replaceIfForced(dir, link);
                r.symlink(dir, link.name(), target);
                said("'" + link.shown() + "' -> '" + target + "'");
            } else {
                RemotePath t = r.path(target);
                Fid file;
                try {
                    file = r.walk(t);
                } catch (IOException e) {
                    failed(r, rep, "failed to access " + ErrorText.quote(target), e);
                    return;
                }
                try (file) {
                    if (file.qid().isDirectory()) {
                        rep.error(ErrorText.quote(target) + ": hard link not allowed for directory");
                        return;
                    }
                    replaceIfForced(dir, link);
                    r.link(dir, file, link.name());
                }
                said("'" + link.shown() + "' => '" + target + "'");
            }
        } catch (IOException e) {
            failed(r, rep, what, e);
        }
    }

    private void replaceIfForced(Fid dir, RemotePath link) throws IOException {
        if (!force) {
            return;
        }
        try (Fid existing = dir.walk(link.name())) {
            if (existing.qid().isDirectory()) {
                throw new RemoteErrorException(io.ninep.protocol.MessageType.TWALK, Errno.EISDIR.number(), "");
            }
        } catch (RemoteErrorException e) {
            if (ErrorText.is(e, Errno.ENOENT)) {
                return;
            }
            throw e;
        }
        dir.delete(link.name(), false);
    }

    private static boolean isDirectory(Remote r, RemotePath p) throws IOException {
        try (Fid f = r.walk(p)) {
            return f.qid().isDirectory();
        } catch (RemoteErrorException e) {
            if (ErrorText.is(e, Errno.ENOENT) || ErrorText.is(e, Errno.ENOTDIR)) {
                return false;
            }
            throw e;
        }
    }

    private void said(String text) {
        if (connection.verbose()) {
            System.out.println(text);
        }
    }
}
