package io.ninep.cli;

import io.ninep.cli.files.ErrorText;
import io.ninep.cli.files.Failure;
import io.ninep.cli.files.Names;
import io.ninep.cli.files.Output;
import io.ninep.cli.files.Remote;
import io.ninep.cli.files.RemotePath;
import io.ninep.cli.files.Reported;
import io.ninep.cli.files.Reporter;
import io.ninep.client.Fid;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ninep tree}: a directory tree of the server, drawn as tree(1) draws it. */
@Command(name = "tree",
        description = {
            "Draw directory trees of a 9P server, as tree(1) does.",
            "Draw the tree under each PATH on the server as tree(1) does: names sorted by their bytes, symbolic"
                + " links as 'name -> target' (not followed), and a count at the end: 'N directories, M files'"
                + " (symbolic links count as files; the PATHs themselves are not counted). A directory that cannot"
                + " be read is marked '[error opening dir]' and reported on standard error.",
            FileCommand.EXIT_HELP
        },
        sortOptions = false)
final class TreeCommand extends FileCommand {

    @Option(names = {"-a", "--all"}, description = "also names starting with '.'")
    boolean all;

    @Option(names = {"-d", "--dirs-only"}, description = "directories only")
    boolean directoriesOnly;

    @Option(names = "-L", paramLabel = "LEVEL", description = "descend at most LEVEL directories deep")
    Integer level;

    @Parameters(index = "1..*", paramLabel = "PATH", description = "where to start (default: the root)")
    List<String> paths = new ArrayList<>();

    private Remote remote;
    private Reporter reporter;
    private Output out;
    private long directories;
    private long files;

    @Override
    String name() {
        return "tree";
    }

    @Override
    void checkUsage() throws Failure {
        if (level != null && level < 1) {
            throw Failure.usage("invalid level, must be greater than 0");
        }
    }

    @Override
    void run(Remote r, Reporter rep) throws IOException {
        this.remote = r;
        this.reporter = rep;
        List<RemotePath> operands = paths.isEmpty() ? List.of(r.defaultPath("/")) : paths.stream().map(r::path).toList();
        try (Output o = new Output(System.out)) {
            this.out = o;
            for (RemotePath p : operands) {
                List<Remote.Entry> top;
                try (Fid f = r.walkFollowing(p)) {
                    if (!f.qid().isDirectory()) {
                        o.line(p.shown());
                        files++;
                        continue;
                    }
                    top = entries(f);
                } catch (Reported e) {
                    throw e;
                } catch (IOException e) {
                    o.line(p.shown() + " [error opening dir]");
                    failed(r, rep, "cannot open directory " + ErrorText.quote(p.shown()), e);
                    continue;
                }
                o.line(p.shown());
                draw(p, top, "", 1);
            }
            o.line("");
            o.line(directories + (directories == 1 ? " directory" : " directories")
                    + (directoriesOnly ? "" : ", " + files + (files == 1 ? " file" : " files")));
        }
    }

    /** The entries shown of the directory {@code dir} is on, sorted, with link targets. */
    private List<Remote.Entry> entries(Fid dir) throws IOException {
        List<Remote.Entry> shown = new ArrayList<>();
        for (Remote.Entry e : remote.list(dir)) {
            if (Names.isDotOrDotDot(e.name()) || !all && Names.isHidden(e.name())
                    || directoriesOnly && !e.isDirectory()) {
                continue;
            }
            shown.add(e);
        }
        shown.sort(Comparator.comparing(Remote.Entry::name, Names.C_ORDER));
        List<Remote.Entry> links = shown.stream().filter(e -> e.isSymlink() && e.info() == null).toList();
        if (!links.isEmpty()) {
            List<Remote.Entry> withTargets = new ArrayList<>(shown.size());
            var found = remote.infos(dir, links).iterator();
            for (Remote.Entry e : shown) {
                if (e.isSymlink() && e.info() == null) {
                    Remote.Found f = found.next();
                    withTargets.add(f.error() == null ? f.entry() : e);
                } else {
                    withTargets.add(e);
                }
            }
            shown = withTargets;
        }
        return shown;
    }

    private void draw(RemotePath path, List<Remote.Entry> entries, String prefix, int depth) throws IOException {
        for (int i = 0; i < entries.size(); i++) {
            Remote.Entry e = entries.get(i);
            boolean last = i == entries.size() - 1;
            String line = prefix + (last ? "└── " : "├── ") + e.name();
            if (e.isSymlink() && e.info() != null && e.info().linkTarget() != null) {
                line += " -> " + e.info().linkTarget();
            }
            if (!e.isDirectory()) {
                files++;
                out.line(line);
                continue;
            }
            directories++;
            if (level != null && depth >= level) {
                out.line(line);
                continue;
            }
            RemotePath child = path.child(e.name());
            List<Remote.Entry> below;
            try (Fid d = remote.walk(child)) {
                below = entries(d);
            } catch (Reported x) {
                throw x;
            } catch (IOException x) {
                out.line(line + " [error opening dir]");
                failed(remote, reporter, "cannot open directory " + ErrorText.quote(child.shown()), x);
                continue;
            }
            out.line(line);
            draw(child, below, prefix + (last ? "    " : "│   "), depth + 1);
        }
    }
}
