package io.ninep.cli;

import io.ninep.cli.files.ErrorText;
import io.ninep.cli.files.FileInfo;
import io.ninep.cli.files.LongListing;
import io.ninep.cli.files.Names;
import io.ninep.cli.files.Output;
import io.ninep.cli.files.Remote;
import io.ninep.cli.files.RemotePath;
import io.ninep.cli.files.Reported;
import io.ninep.cli.files.Reporter;
import io.ninep.client.Fid;
import io.ninep.protocol.message.DirEntry;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ninep ls}: lists directories on a 9P server, as coreutils' ls does in the C locale. */
@Command(name = "ls",
        description = {
            "List directories on a 9P server, as ls does.",
            "Each PATH (the root, or the path of a 9p:// address, if none) is listed one name per line, sorted by"
                + " the bytes of the names as ls sorts in the C locale.",
            "With -l, in ls's long format: mode, links, owner, group, size, modification time (the hour within"
                + " six months, else the year), name, and ' -> target' for a symbolic link. Owners are numbers in"
                + " 9P2000.L; in 9P2000.u and 9P2000, the names the server sends. A PATH that is a symbolic link to a directory is listed as"
                + " that directory (not with -l or -d), as ls does; links inside directories are shown, not followed."
                + " Links are followed by the client (the servers do not): relative targets from the link's"
                + " directory, absolute ones from the root of the attached tree.",
            FileCommand.EXIT_HELP
        },
        sortOptions = false)
final class LsCommand extends FileCommand {

    @Option(names = "-l", description = "long format")
    boolean longFormat;

    @Option(names = {"-a", "--all"}, description = "also names starting with '.', and . and ..")
    boolean all;

    @Option(names = {"-A", "--almost-all"}, description = "also names starting with '.', but not . and ..")
    boolean almostAll;

    @Option(names = {"-d", "--directory"}, description = "list directories themselves, not their contents")
    boolean directory;

    @Option(names = {"-R", "--recursive"}, description = "list subdirectories too")
    boolean recursive;

    @Option(names = {"-h", "--human-readable"}, description = "with -l, sizes like 1.3K 245M 2.0G")
    boolean human;

    @Option(names = "-1", description = "one name per line (always so; accepted for scripts)")
    boolean onePerLine;

    @Parameters(index = "1..*", paramLabel = "PATH", description = "what to list")
    List<String> paths = new ArrayList<>();

    private Remote remote;
    private Reporter reporter;
    private Output out;
    private LongListing format;
    private boolean printedBlock;

    @Override
    String name() {
        return "ls";
    }

    /** One operand: its path, whether to list its content, and its attributes (with -l). */
    private record Operand(RemotePath path, boolean listContent, FileInfo info) {}

    @Override
    void run(Remote r, Reporter rep) throws IOException {
        this.remote = r;
        this.reporter = rep;
        this.format = new LongListing(Instant.now(), ZoneId.systemDefault(), human);
        try (Output o = new Output(System.out)) {
            this.out = o;
            List<RemotePath> operands = paths.isEmpty() ? List.of(r.defaultPath("/")) : paths.stream().map(r::path).toList();
            List<Operand> files = new ArrayList<>();
            List<Operand> dirs = new ArrayList<>();
            for (RemotePath p : operands) {
                try (Fid f = r.walk(p)) {
                    FileInfo info = longFormat ? r.info(f) : null;
                    boolean isDir = info != null ? info.isDirectory() : f.qid().isDirectory();
                    if (!longFormat && !directory && f.qid().isSymlink()) {
                        isDir = linksToDirectory(r, p);   // ls lists a link to a directory given as an operand
                    }
                    (isDir && !directory ? dirs : files).add(new Operand(p, isDir && !directory, info));
                } catch (IOException e) {
                    failed(r, rep, "cannot access " + ErrorText.quote(p.shown()), e);
                }
            }
            Comparator<Operand> byName = Comparator.comparing(o2 -> o2.path().shown(), Names.C_ORDER);
            files.sort(byName);
            dirs.sort(byName);
            if (!files.isEmpty()) {
                if (longFormat) {
                    for (String line : format.lines(files.stream().map(f -> new LongListing.Row(f.path().shown(), f.info())).toList())) {
                        o.line(line);
                    }
                } else {
                    for (Operand f : files) {
                        o.line(f.path().shown());
                    }
                }
                printedBlock = true;
            }
            boolean headers = operands.size() > 1 || recursive;
            for (Operand d : dirs) {
                listDirectory(d.path(), headers);
            }
        }
    }

    private void listDirectory(RemotePath path, boolean header) throws IOException {
        if (printedBlock) {
            out.line("");
        }
        printedBlock = true;
        if (header) {
            out.line(path.shown() + ":");
        }
        List<Remote.Entry> entries;
        List<Remote.Entry> subdirectories = new ArrayList<>();
        try (Fid dir = remote.walkFollowing(path)) {
            entries = shown(remote.list(dir), dir);
            if (longFormat) {
                List<LongListing.Row> rows = new ArrayList<>();
                for (Remote.Found f : remote.infos(dir, entries)) {
                    if (f.error() != null) {
                        failed(remote, reporter, "cannot access " + ErrorText.quote(path.child(f.entry().name()).shown()),
                                f.error());
                    } else {
                        rows.add(new LongListing.Row(f.entry().name(), f.entry().info()));
                    }
                }
                out.line(format.total(rows));
                for (String line : format.lines(rows)) {
                    out.line(line);
                }
            } else {
                for (Remote.Entry e : entries) {
                    out.line(e.name());
                }
            }
            for (Remote.Entry e : entries) {
                if (e.isDirectory() && !Names.isDotOrDotDot(e.name())) {
                    subdirectories.add(e);
                }
            }
        } catch (Reported e) {
            throw e;
        } catch (IOException e) {
            failed(remote, reporter, "cannot open directory " + ErrorText.quote(path.shown()), e);
            return;
        }
        if (recursive) {
            for (Remote.Entry e : subdirectories) {
                listDirectory(path.child(e.name()), true);
            }
        }
    }

    private static boolean linksToDirectory(Remote r, RemotePath p) {
        try (Fid target = r.walkFollowing(p)) {
            return target.qid().isDirectory();
        } catch (IOException dangling) {
            return false;   // listed as the link it is
        }
    }

    /** The entries -a/-A let through, with . and .. added for -a when the server sent none (9P2000 never does), sorted. */
    private List<Remote.Entry> shown(List<Remote.Entry> entries, Fid dir) {
        List<Remote.Entry> shown = new ArrayList<>();
        boolean dot = false;
        boolean dotdot = false;
        for (Remote.Entry e : entries) {
            dot |= e.name().equals(".");
            dotdot |= e.name().equals("..");
            if (all || almostAll && !Names.isDotOrDotDot(e.name()) || !Names.isHidden(e.name())) {
                shown.add(e);
            }
        }
        if (all && !dot) {
            shown.add(new Remote.Entry(".", DirEntry.DT_DIR, dir.qid(), null));
        }
        if (all && !dotdot) {
            shown.add(new Remote.Entry("..", DirEntry.DT_DIR, dir.qid(), null));
        }
        shown.sort(Comparator.comparing(Remote.Entry::name, Names.C_ORDER));
        return shown;
    }
}
