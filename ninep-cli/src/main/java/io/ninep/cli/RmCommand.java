package io.ninep.cli;

import io.ninep.cli.files.ErrorText;
import io.ninep.cli.files.Names;
import io.ninep.cli.files.Remote;
import io.ninep.cli.files.RemotePath;
import io.ninep.cli.files.Reported;
import io.ninep.cli.files.Reporter;
import io.ninep.client.Fid;
import io.ninep.client.RemoteErrorException;
import io.ninep.protocol.Errno;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ninep rm}: removes files (and with -r, directories and all they hold) on the server. */
@Command(name = "rm",
        description = {
            "Remove files and directories on a 9P server.",
            "Remove each PATH on the server. A directory needs -r (with everything in it) or -d (if empty): rm"
                + " alone says 'Is a directory', as coreutils' rm does. -f says nothing about a PATH that does not"
                + " exist. The root of the attached tree, '.' and '..' are never removed.",
            FileCommand.EXIT_HELP
        },
        sortOptions = false)
final class RmCommand extends FileCommand {

    @Option(names = {"-f", "--force"}, description = "ignore PATHs that do not exist")
    boolean force;

    @Option(names = {"-r", "-R", "--recursive"}, description = "remove directories and what they hold")
    boolean recursive;

    @Option(names = {"-d", "--dir"}, description = "remove empty directories")
    boolean emptyDirectories;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "what to remove")
    List<String> paths = new ArrayList<>();

    private Remote remote;
    private Reporter reporter;

    @Override
    String name() {
        return "rm";
    }

    @Override
    void run(Remote r, Reporter rep) throws IOException {
        this.remote = r;
        this.reporter = rep;
        for (String text : paths) {
            RemotePath p = r.path(text);
            String lastTyped = text.replaceAll("/+$", "");
            lastTyped = lastTyped.substring(lastTyped.lastIndexOf('/') + 1);
            if (Names.isDotOrDotDot(lastTyped)) {
                rep.error("refusing to remove '.' or '..' directory: skipping " + ErrorText.quote(text));
                continue;
            }
            if (p.isRoot()) {
                rep.error("refusing to remove " + ErrorText.quote(text) + ": it is the root of the attached tree");
                continue;
            }
            String what = "cannot remove " + ErrorText.quote(p.shown());
            try (Fid dir = r.walkParent(p)) {
                boolean isDirectory;
                try (Fid f = dir.walk(p.name())) {
                    isDirectory = f.qid().isDirectory();
                }
                if (isDirectory && !recursive && !emptyDirectories) {
                    rep.error(what + ": " + Errno.EISDIR.text());
                    continue;
                }
                if (isDirectory && recursive) {
                    removeTree(dir, p);
                } else {
                    remove(dir, p, isDirectory);
                }
            } catch (Reported e) {
                throw e;
            } catch (IOException e) {
                if (force && ErrorText.is(e, Errno.ENOENT)) {
                    continue;
                }
                failed(r, rep, what, e);
            }
        }
    }

    /** Removes what the directory holds, then the directory; failures are reported and the rest goes on. */
    private void removeTree(Fid parent, RemotePath p) throws IOException {
        List<Remote.Entry> entries;
        try (Fid dir = parent.walk(p.name())) {
            entries = new ArrayList<>(remote.list(dir));
            entries.sort(java.util.Comparator.comparing(Remote.Entry::name, Names.C_ORDER));   // in name order, as -v reports
            for (Remote.Entry e : entries) {
                if (Names.isDotOrDotDot(e.name())) {
                    continue;
                }
                RemotePath child = p.child(e.name());
                try {
                    if (e.isDirectory()) {
                        removeTree(dir, child);
                    } else {
                        remove(dir, child, false);
                    }
                } catch (Reported x) {
                    throw x;
                } catch (IOException x) {
                    failed(remote, reporter, "cannot remove " + ErrorText.quote(child.shown()), x);
                }
            }
        }
        remove(parent, p, true);
    }

    private void remove(Fid parent, RemotePath p, boolean directory) throws IOException {
        try {
            parent.delete(p.name(), directory);
        } catch (RemoteErrorException e) {
            if (force && ErrorText.is(e, Errno.ENOENT)) {
                return;
            }
            throw e;
        }
        if (connection.verbose()) {
            System.out.println("removed " + (directory ? "directory " : "") + ErrorText.quote(p.shown()));
        }
    }
}
