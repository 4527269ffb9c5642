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
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ninep mkdir}: makes directories on the server. */
@Command(name = "mkdir",
        description = {
            "Make directories on a 9P server.",
            "Make each directory PATH on the server. With -p, make missing parents too, and say nothing about a"
                + " directory that exists already.",
            FileCommand.EXIT_HELP
        },
        sortOptions = false)
final class MkdirCommand extends FileCommand {

    @Option(names = {"-p", "--parents"}, description = "make parents as needed; no error if a directory exists")
    boolean parents;

    @Option(names = {"-m", "--mode"}, paramLabel = "MODE",
            description = "permission bits in octal (default: 755, what a umask of 022 leaves of 777)")
    String modeText = "755";

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "directories to make")
    List<String> paths = new ArrayList<>();

    private int mode;

    @Override
    String name() {
        return "mkdir";
    }

    @Override
    void checkUsage() throws Failure {
        try {
            mode = Integer.parseInt(modeText, 8);
        } catch (NumberFormatException e) {
            mode = -1;
        }
        if (mode < 0 || mode > 07777) {
            throw Failure.usage("invalid mode " + ErrorText.quote(modeText) + " (give octal bits such as 755)");
        }
    }

    @Override
    void run(Remote r, Reporter rep) throws IOException {
        for (String text : paths) {
            RemotePath p = r.path(text);
            String what = "cannot create directory " + ErrorText.quote(p.shown());
            if (p.isRoot()) {
                if (!parents) {
                    rep.error(what + ": " + Errno.EEXIST.text());
                }
                continue;
            }
            try {
                if (parents) {
                    makeWithParents(r, rep, p);
                } else {
                    try (Fid dir = r.walkParent(p)) {
                        r.mkdir(dir, p.name(), mode);
                    }
                    created(rep, p.shown());
                }
            } catch (IOException e) {
                failed(r, rep, what, e);
            }
        }
    }

    /** Walks down the path, making what is missing: parents 0755 (with u+wx), the last one MODE. */
    private void makeWithParents(Remote r, Reporter rep, RemotePath p) throws IOException {
        List<String> names = p.names();
        Fid current = r.root().walk();
        try {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                boolean last = i == names.size() - 1;
                Fid next;
                try {
                    next = current.walk(name);
                } catch (RemoteErrorException e) {
                    if (!ErrorText.is(e, Errno.ENOENT)) {
                        throw e;
                    }
                    try {
                        r.mkdir(current, name, last ? mode : 0755 | 0300);
                        created(rep, "/" + String.join("/", names.subList(0, i + 1)));
                    } catch (RemoteErrorException raced) {
                        if (!ErrorText.is(raced, Errno.EEXIST)) {
                            throw raced;
                        }
                    }
                    next = current.walk(name);
                }
                current.close();
                current = next;
                if (!current.qid().isDirectory()) {
                    throw new RemoteErrorException(io.ninep.protocol.MessageType.TMKDIR, Errno.ENOTDIR.number(), "");
                }
            }
        } finally {
            current.close();
        }
    }

    private void created(Reporter rep, String shown) {
        if (connection.verbose()) {
            System.out.println("ninep: mkdir: created directory " + ErrorText.quote(shown));
        }
    }
}
