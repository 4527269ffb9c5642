package io.ninep.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Qid;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.OpenFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Treaddir: "." and ".." first, then every entry once; offsets that continue where a call
 * stopped, for the life of the open directory, even while the directory changes.
 */
public interface DirectoryContract extends ContractSupport {

    @Test
    default void anEmptyDirectoryHoldsDotAndDotDot() throws Exception {
        FileNode d = dir("d");
        List<DirEntry> entries = readdir(d);
        assertThat(entries).extracting(DirEntry::name).containsExactly(".", "..");
        assertThat(entries.get(0).qid().path()).isEqualTo(d.qid().path());
        assertThat(entries.get(1).qid().path()).isEqualTo(root().qid().path());
        assertThat(entries).allMatch(e -> e.type() == DirEntry.DT_DIR);
    }

    @Test
    default void dotDotOfTheRootIsTheRoot() throws Exception {
        List<DirEntry> entries = readdir(root());
        assertThat(entries.get(1).name()).isEqualTo("..");
        assertThat(entries.get(1).qid().path()).isEqualTo(root().qid().path());
    }

    @Test
    default void entriesCarryTheirTypeAndQidPath() throws Exception {
        FileNode f = file("file", "x");
        FileNode d = dir("dir");
        root().symlink("link", "file", gid());
        root().mknod("fifo", LinuxFileMode.S_IFIFO | 0644, 0, 0, gid());
        List<DirEntry> entries = readdir(root());
        assertThat(entries).extracting(DirEntry::name).containsExactlyInAnyOrder(".", "..", "file", "dir", "link", "fifo");
        for (DirEntry e : entries) {
            switch (e.name()) {
                case "file" -> {
                    assertThat(e.type()).isEqualTo(DirEntry.DT_REG);
                    assertThat(e.qid().path()).isEqualTo(f.qid().path());
                    assertThat(e.qid().type()).isEqualTo(Qid.FILE);
                }
                case "dir" -> {
                    assertThat(e.type()).isEqualTo(DirEntry.DT_DIR);
                    assertThat(e.qid().path()).isEqualTo(d.qid().path());
                    assertThat(e.qid().type()).isEqualTo(Qid.DIR);
                }
                case "link" -> {
                    assertThat(e.type()).isEqualTo(DirEntry.DT_LNK);
                    assertThat(e.qid().path()).isEqualTo(walk("link").qid().path());
                    assertThat(e.qid().type()).isEqualTo(Qid.SYMLINK);
                }
                case "fifo" -> assertThat(e.type()).isEqualTo(DirEntry.DT_FIFO);
                default -> { }
            }
        }
    }

    @Test
    default void aThousandEntriesComeOnceEachWhateverTheBatchSize() throws Exception {
        FileNode d = dir("many");
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String n = "file-" + i;
            d.create(n, RDWR, 0644, gid()).file().close();
            made.add(n);
        }
        for (int batch : new int[] {1, 7, 100, 5000}) {
            OpenFile o = open(d, RDONLY);
            List<DirEntry> entries = readdir(o, batch);
            List<String> names = entries.stream().map(DirEntry::name).toList();
            assertThat(names).as("batch %d", batch).doesNotHaveDuplicates();
            assertThat(names.subList(0, 2)).containsExactly(".", "..");
            assertThat(new HashSet<>(names.subList(2, names.size()))).isEqualTo(made);
            assertThat(entries.stream().map(DirEntry::offset).toList()).doesNotHaveDuplicates();
            drop(o);
        }
    }

    @Test
    default void anEntryTheSinkRefusedComesAgainNextCall() throws Exception {
        FileNode d = dir("d");
        for (int i = 0; i < 10; i++) {
            d.create("f" + i, RDWR, 0644, gid()).file().close();
        }
        OpenFile o = open(d, RDONLY);
        List<String> seen = new ArrayList<>();
        long offset = 0;
        for (int call = 0; call < 100; call++) {
            List<DirEntry> batch = new ArrayList<>();
            List<String> offered = new ArrayList<>();
            o.readdir(offset, (qid, off, type, name) -> {
                offered.add(name);
                if (batch.size() == 2) {
                    return false;   // refuses the third one offered
                }
                batch.add(new DirEntry(qid, off, type, name));
                return true;
            });
            if (batch.isEmpty()) {
                break;
            }
            if (offered.size() > 2) {
                assertThat(offered.get(2)).isNotIn(seen);
            }
            batch.forEach(e -> seen.add(e.name()));
            offset = batch.getLast().offset();
        }
        assertThat(seen).hasSize(12).doesNotHaveDuplicates();
    }

    @Test
    default void offsetsStayValidWhileTheDirectoryChanges() throws Exception {
        FileNode d = dir("d");
        for (int i = 0; i < 200; i++) {
            d.create(String.format("f%03d", i), RDWR, 0644, gid()).file().close();
        }
        OpenFile o = open(d, RDONLY);
        List<DirEntry> first = new ArrayList<>();
        o.readdir(0, (qid, off, type, name) -> first.size() < 60 && first.add(new DirEntry(qid, off, type, name)));
        Set<String> seen = first.stream().map(DirEntry::name).collect(Collectors.toSet());
        // Remove 50 entries not yet read, add 50 new ones, rename some already read.
        List<String> unread = IntStream.range(0, 200).mapToObj(i -> String.format("f%03d", i))
                .filter(n -> !seen.contains(n)).toList();
        Set<String> removed = new HashSet<>(unread.subList(0, 50));
        for (String n : removed) {
            d.unlinkAt(n, 0);
        }
        for (int i = 0; i < 50; i++) {
            d.create("new" + i, RDWR, 0644, gid()).file().close();
        }
        List<DirEntry> rest = new ArrayList<>();
        long offset = first.getLast().offset();
        while (true) {
            List<DirEntry> batch = new ArrayList<>();
            o.readdir(offset, (qid, off, type, name) -> batch.size() < 13 && batch.add(new DirEntry(qid, off, type, name)));
            if (batch.isEmpty()) {
                break;
            }
            rest.addAll(batch);
            offset = batch.getLast().offset();
        }
        List<String> all = new ArrayList<>(first.stream().map(DirEntry::name).toList());
        rest.forEach(e -> all.add(e.name()));
        assertThat(all).doesNotHaveDuplicates();
        // Every file there from start to end came exactly once.
        Set<String> stayed = IntStream.range(0, 200).mapToObj(i -> String.format("f%03d", i))
                .filter(n -> !removed.contains(n)).collect(Collectors.toSet());
        assertThat(all).containsAll(stayed);
        // A new listing from offset 0 sees the directory as it is now.
        List<String> now = readdir(o, 1000).stream().map(DirEntry::name).toList();
        assertThat(now).hasSize(2 + 200);
        assertThat(now).doesNotContainAnyElementsOf(removed).contains("new0", "new49");
    }
}
