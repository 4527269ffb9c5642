package io.ninep.cli;

import io.ninep.cli.files.ErrorText;
import io.ninep.cli.files.Failure;
import io.ninep.cli.files.Remote;
import io.ninep.cli.files.RemotePath;
import io.ninep.cli.files.Reporter;
import io.ninep.client.Fid;
import io.ninep.client.RemoteErrorException;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.Errno;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.Stat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ninep mv}: renames files on the server, into other directories too. */
@Command(name = "mv",
        description = {
            "Rename or move files on a 9P server.",
            "Rename SOURCE to DEST, or move each SOURCE into the directory DEST, on the server. As with"
                + " coreutils' mv, an existing DEST file is replaced (rename(2) does it atomically) unless -n is"
                + " given. 9P2000.L renames across directories (Trenameat, or walk and Trename on servers without"
                + " it); 9P2000 and 9P2000.u rename only within a directory.",
            FileCommand.EXIT_HELP
        },
        sortOptions = false)
final class MvCommand extends FileCommand {

    @Option(names = {"-f", "--force"}, description = "replace DEST without asking (always so: mv never asks here)")
    boolean force;

    @Option(names = {"-n", "--no-clobber"}, description = "do not replace an existing DEST")
    boolean noClobber;

    @Option(names = {"-T", "--no-target-directory"}, description = "treat DEST as a name even if it is a directory")
    boolean noTargetDirectory;

    @Parameters(index = "1..*", paramLabel = "SOURCE... DEST", description = "what to move, and where")
    List<String> operands = new ArrayList<>();

    @Override
    String name() {
        return "mv";
    }

    @Override
    void checkUsage() throws Failure {
        if (operands.isEmpty()) {
            throw Failure.usage("missing file operand");
        }
        if (operands.size() == 1) {
            throw Failure.usage("missing destination file operand after " + ErrorText.quote(operands.getFirst()));
        }
        if (noTargetDirectory && operands.size() > 2) {
            throw Failure.usage("extra operand " + ErrorText.quote(operands.get(2)));
        }
    }

    @Override
    void run(Remote r, Reporter rep) throws IOException {
        RemotePath dest = r.path(operands.getLast());
        List<String> sources = operands.subList(0, operands.size() - 1);
        boolean intoDirectory = false;
        if (!noTargetDirectory) {
            try (Fid d = r.walk(dest)) {
                intoDirectory = d.qid().isDirectory();
            } catch (RemoteErrorException e) {
                if (!ErrorText.is(e, Errno.ENOENT)) {
                    failed(r, rep, "cannot stat " + ErrorText.quote(dest.shown()), e);
                    return;
                }
            }
        }
        if (sources.size() > 1 && !intoDirectory) {
            rep.error("target " + ErrorText.quote(dest.shown()) + " is not a directory");
            return;
        }
        for (String s : sources) {
            RemotePath src = r.path(s);
            RemotePath target = intoDirectory ? dest.child(src.name()) : dest;
            try {
                move(r, rep, src, target);
            } catch (IOException e) {
                failed(r, rep, "cannot move " + ErrorText.quote(src.shown()) + " to " + ErrorText.quote(target.shown()), e);
            }
        }
    }

    private void move(Remote r, Reporter rep, RemotePath src, RemotePath target) throws IOException {
        if (src.isRoot() || target.isRoot()) {
            throw new RemoteErrorException(MessageType.TRENAMEAT, Errno.EBUSY.number(), "");
        }
        Qid srcQid;
        try (Fid f = r.walk(src)) {
            srcQid = f.qid();
        } catch (IOException e) {
            failed(r, rep, "cannot stat " + ErrorText.quote(src.shown()), e);
            return;
        }
        Qid existing = null;
        try (Fid f = r.walk(target)) {
            existing = f.qid();
        } catch (RemoteErrorException e) {
            if (!ErrorText.is(e, Errno.ENOENT)) {
                throw e;
            }
        }
        if (existing != null) {
            if (existing.path() == srcQid.path()) {
                rep.error(ErrorText.quote(src.shown()) + " and " + ErrorText.quote(target.shown()) + " are the same file");
                return;
            }
            if (noClobber) {
                return;
            }
        }
        try (Fid from = r.walkParent(src); Fid to = r.walkParent(target)) {
            if (r.dialect() == Dialect.P9P2000_L) {
                from.renameat(src.name(), to, target.name());
            } else {
                if (!src.parentNames().equals(target.parentNames())) {
                    throw new RemoteErrorException(MessageType.TWSTAT, Errno.EOPNOTSUPP.number(),
                            r.dialect() + " renames within a directory only");
                }
                if (existing != null && !existing.isDirectory()) {
                    to.delete(target.name(), false);   // a 9P2000 wstat rename does not replace a file
                }
                try (Fid f = from.walk(src.name())) {
                    f.wstat(Stat.unchanged().withName(target.name()));
                }
            }
        }
        if (connection.verbose()) {
            System.out.println("renamed " + ErrorText.quote(src.shown()) + " -> " + ErrorText.quote(target.shown()));
        }
    }
}
