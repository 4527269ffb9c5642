package io.ninep.it.nio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.client.nio.NinepFileAttributes;
import io.ninep.protocol.Dialect;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Reading, writing, channels, attributes, directories, moves, copies and deletes. */
interface NioFilesContract extends NioFixture {

    @Test
    default void writeAndReadWholeFiles() throws IOException {
        Path p = dir().resolve("hello.txt");
        Files.write(p, "hello, 9P".getBytes(UTF_8));
        assertThat(Files.readString(local().resolve("hello.txt"))).isEqualTo("hello, 9P");
        Files.writeString(local().resolve("host.txt"), "written on the host\nsecond line\n");
        assertThat(Files.readAllBytes(dir().resolve("host.txt"))).asString(UTF_8)
                .isEqualTo("written on the host\nsecond line\n");
        assertThat(Files.readAllLines(dir().resolve("host.txt"))).containsExactly("written on the host", "second line");
        try (BufferedWriter w = Files.newBufferedWriter(dir().resolve("lines.txt"))) {
            for (int i = 0; i < 1000; i++) {
                w.write("line " + i + "\n");
            }
        }
        try (Stream<String> lines = Files.lines(local().resolve("lines.txt"))) {
            assertThat(lines.count()).isEqualTo(1000);
        }
        Files.writeString(p, "shorter");   // CREATE, TRUNCATE_EXISTING, WRITE
        assertThat(Files.readString(local().resolve("hello.txt"))).isEqualTo("shorter");
    }

    @Test
    default void byteChannelsSeekReadWriteAndTruncate() throws IOException {
        Path p = dir().resolve("chan");
        try (SeekableByteChannel ch = Files.newByteChannel(p, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            assertThat(ch).isInstanceOf(FileChannel.class);
            ch.write(ByteBuffer.wrap("0123456789".getBytes(UTF_8)));
            assertThat(ch.position()).isEqualTo(10);
            ch.position(20);
            ch.write(ByteBuffer.wrap("X".getBytes(UTF_8)));   // leaves a hole of zeros
            assertThat(ch.size()).isEqualTo(21);
            ch.position(3);
            ByteBuffer b = ByteBuffer.allocate(4);
            assertThat(ch.read(b)).isEqualTo(4);
            assertThat(new String(b.array(), UTF_8)).isEqualTo("3456");
            ch.truncate(5);
            assertThat(ch.size()).isEqualTo(5);
            assertThat(ch.position()).isEqualTo(5);
            assertThat(ch.read(ByteBuffer.allocate(1))).isEqualTo(-1);
        }
        assertThat(Files.readString(local().resolve("chan"))).isEqualTo("01234");
        Files.write(local().resolve("hole"), new byte[0]);
        try (FileChannel ch = FileChannel.open(dir().resolve("hole"), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {7}), 4096);
            ch.force(true);
            ByteBuffer[] parts = {ByteBuffer.wrap(new byte[] {1, 2}), ByteBuffer.wrap(new byte[] {3})};
            assertThat(ch.write(parts)).isEqualTo(3);
        }
        byte[] hole = Files.readAllBytes(local().resolve("hole"));
        assertThat(hole).hasSize(4097);
        assertThat(hole[0]).isEqualTo((byte) 1);
        assertThat(hole[2]).isEqualTo((byte) 3);
        assertThat(hole[100]).isZero();
        assertThat(hole[4096]).isEqualTo((byte) 7);
    }

    @Test
    default void openOptionsBehaveAsOnUnix() throws IOException {
        Path p = dir().resolve("f");
        Path lp = local().resolve("f");
        assertThatThrownBy(() -> Files.newByteChannel(p)).isInstanceOf(NoSuchFileException.class).hasMessage(p.toString());
        assertThatThrownBy(() -> Files.newByteChannel(p, StandardOpenOption.WRITE)).isInstanceOf(NoSuchFileException.class);
        Files.writeString(p, "one", StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        assertThatThrownBy(() -> Files.writeString(p, "two", StandardOpenOption.CREATE_NEW))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessage(p.toString());
        Files.writeString(p, "+two", StandardOpenOption.APPEND);
        Files.writeString(p, "+three", StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        assertThat(Files.readString(lp)).isEqualTo("one+two+three");
        try (SeekableByteChannel ch = Files.newByteChannel(p, StandardOpenOption.APPEND)) {
            assertThat(ch.position()).isEqualTo(13);   // APPEND: the position is the size
            Files.writeString(lp, "one+two+three+host");   // someone else appends
            ch.write(ByteBuffer.wrap("!".getBytes(UTF_8)));
        }
        assertThat(Files.readString(lp)).isEqualTo("one+two+three+host!");
        Files.writeString(p, "x", StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.DSYNC);
        assertThat(Files.readString(lp)).isEqualTo("x");
        Files.writeString(p, "y", StandardOpenOption.WRITE);   // no truncation: overwrites in place
        assertThat(Files.readString(lp)).isEqualTo("y");
        assertThatThrownBy(() -> Files.newByteChannel(p, StandardOpenOption.READ, StandardOpenOption.APPEND))
                .isInstanceOf(IllegalArgumentException.class);
        try (SeekableByteChannel ch = Files.newByteChannel(dir().resolve("temp"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE)) {
            ch.write(ByteBuffer.wrap("gone soon".getBytes(UTF_8)));
            assertThat(local().resolve("temp")).exists();
        }
        assertThat(local().resolve("temp")).doesNotExist();
        try (SeekableByteChannel ch = Files.newByteChannel(p, StandardOpenOption.READ)) {
            assertThatThrownBy(() -> ch.write(ByteBuffer.allocate(1)))
                    .isInstanceOf(java.nio.channels.NonWritableChannelException.class);
        }
    }

    @Test
    default void newFilesGetTheRequestedPermissionsLessTheUmask() throws IOException {
        Files.createFile(dir().resolve("plain"));
        Files.createFile(dir().resolve("private"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.createDirectory(dir().resolve("d"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        int umask = (Integer) env().get("umask");
        assertThat(mode(local().resolve("plain"))).isEqualTo(0666 & ~umask);
        assertThat(mode(local().resolve("private"))).isEqualTo(0600);
        assertThat(mode(local().resolve("d"))).isEqualTo(0777 & ~umask);
    }

    private static int mode(Path local) throws IOException {
        return (Integer) Files.getAttribute(local, "unix:mode") & 07777;
    }

    @Test
    default void attributesMatchTheHosts() throws IOException {
        Files.writeString(local().resolve("f"), "twelve bytes");
        Files.setPosixFilePermissions(local().resolve("f"), PosixFilePermissions.fromString("rw-r-----"));
        Files.setLastModifiedTime(local().resolve("f"), FileTime.from(Instant.parse("2020-02-02T02:02:02.5Z")));
        Files.createDirectory(local().resolve("d"));
        PosixFileAttributes a = Files.readAttributes(dir().resolve("f"), PosixFileAttributes.class);
        PosixFileAttributes h = Files.readAttributes(local().resolve("f"), PosixFileAttributes.class);
        assertThat(a.size()).isEqualTo(12);
        assertThat(a.isRegularFile()).isTrue();
        assertThat(a.isDirectory() || a.isSymbolicLink() || a.isOther()).isFalse();
        assertThat(a.permissions()).isEqualTo(h.permissions());
        assertThat(((NinepFileAttributes) a).uid()).isZero();
        assertThat(a.owner().getName()).isIn("0", "root");   // 9P2000.L has only numbers; 9P2000.u names too
        if (dialect() == Dialect.P9P2000_L) {
            assertThat(a.lastModifiedTime()).isEqualTo(h.lastModifiedTime());
        } else {
            assertThat(a.lastModifiedTime().toInstant().getEpochSecond()).isEqualTo(1580608922L);
        }
        assertThat(Files.isDirectory(dir().resolve("d"))).isTrue();
        assertThat(Files.isRegularFile(dir().resolve("d"))).isFalse();
        assertThat(Files.size(dir().resolve("f"))).isEqualTo(12);
        Map<String, Object> m = Files.readAttributes(dir().resolve("f"), "posix:permissions,owner,size");
        assertThat(m).containsOnlyKeys("permissions", "owner", "size");
        assertThat(m.get("permissions")).isEqualTo(h.permissions());
        assertThat(Files.readAttributes(dir().resolve("f"), "*")).containsKeys("lastModifiedTime", "isOther", "fileKey");
        assertThat(Files.getAttribute(dir().resolve("f"), "ninep:nlink")).isEqualTo(1L);
        assertThat(Files.getAttribute(dir().resolve("f"), "unix:mode"))
                .isEqualTo(Files.getAttribute(local().resolve("f"), "unix:mode"));
        assertThat(fs().supportedFileAttributeViews()).contains("basic", "posix", "owner", "ninep");
        assertThatThrownBy(() -> Files.readAttributes(dir().resolve("f"), "posix:colour"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Files.readAttributes(dir().resolve("f"), "dos:*"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    default void attributesCanBeSet() throws IOException {
        Path p = dir().resolve("f");
        Files.writeString(p, "x");
        FileTime t = FileTime.from(Instant.parse("2011-11-11T11:11:11Z"));
        Files.setLastModifiedTime(p, t);
        Files.setAttribute(p, "basic:lastAccessTime", t);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r-x---r--"));
        BasicFileAttributes h = Files.readAttributes(local().resolve("f"), BasicFileAttributes.class);
        assertThat(h.lastModifiedTime()).isEqualTo(t);
        assertThat(h.lastAccessTime()).isEqualTo(t);
        assertThat(Files.getPosixFilePermissions(local().resolve("f"))).isEqualTo(PosixFilePermissions.fromString("r-x---r--"));
        Files.setAttribute(p, "unix:mode", 0640);
        assertThat(mode(local().resolve("f"))).isEqualTo(0640);
        if (dialect() == Dialect.P9P2000_L) {
            PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class);
            v.setOwner(fs().getUserPrincipalLookupService().lookupPrincipalByName("1234"));
            v.setGroup(fs().getUserPrincipalLookupService().lookupPrincipalByGroupName("4321"));
            assertThat(Files.getAttribute(local().resolve("f"), "unix:uid")).isEqualTo(1234);
            assertThat(Files.getAttribute(local().resolve("f"), "unix:gid")).isEqualTo(4321);
            assertThat(Files.getOwner(p).getName()).isEqualTo("1234");
        }
    }

    @Test
    default void directoriesAreMadeListedAndRemoved() throws IOException {
        Path d = dir().resolve("a");
        Files.createDirectory(d);
        assertThat(local().resolve("a")).isDirectory();
        assertThatThrownBy(() -> Files.createDirectory(d)).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessage(d.toString());
        assertThatThrownBy(() -> Files.createDirectory(dir().resolve("no/such"))).isInstanceOf(NoSuchFileException.class);
        Files.createDirectories(dir().resolve("a/b/c/d"));
        assertThat(local().resolve("a/b/c/d")).isDirectory();
        for (String n : List.of("x.java", "y.java", "z.txt", ".hidden")) {
            Files.createFile(d.resolve(n));
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
            List<String> names = new ArrayList<>();
            s.forEach(p -> names.add(p.getFileName().toString()));
            assertThat(names).containsExactlyInAnyOrder("b", "x.java", "y.java", "z.txt", ".hidden");
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d, "*.java")) {
            List<Path> got = new ArrayList<>();
            s.forEach(got::add);
            assertThat(got).containsExactlyInAnyOrder(d.resolve("x.java"), d.resolve("y.java"));
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d, Files::isDirectory)) {
            assertThat(s.iterator().next()).isEqualTo(d.resolve("b"));
        }
        try (Stream<Path> list = Files.list(d)) {
            assertThat(list.filter(p -> {
                try {
                    return Files.isHidden(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList()).containsExactly(d.resolve(".hidden"));
        }
        assertThatThrownBy(() -> Files.delete(d)).isInstanceOf(DirectoryNotEmptyException.class).hasMessage(d.toString());
        assertThatThrownBy(() -> Files.newDirectoryStream(d.resolve("z.txt"))).isInstanceOf(NotDirectoryException.class);
        Files.delete(d.resolve("x.java"));
        Files.delete(dir().resolve("a/b/c/d"));
        assertThat(local().resolve("a/x.java")).doesNotExist();
        assertThat(local().resolve("a/b/c/d")).doesNotExist();
        assertThatThrownBy(() -> Files.delete(d.resolve("x.java"))).isInstanceOf(NoSuchFileException.class);
        assertThat(Files.deleteIfExists(d.resolve("x.java"))).isFalse();
        assertThat(Files.deleteIfExists(d.resolve("y.java"))).isTrue();
    }

    @Test
    default void walkATreeOfHundredsOfFiles() throws IOException {
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < 12; i++) {
            Path sub = Files.createDirectories(local().resolve("d" + i).resolve("sub" + (i % 3)));
            expected.add("d" + i);
            expected.add("d" + i + "/sub" + (i % 3));
            for (int j = 0; j < 25; j++) {
                Files.writeString(sub.resolve("f" + j), "file " + i + "/" + j);
                expected.add("d" + i + "/sub" + (i % 3) + "/f" + j);
            }
        }
        Set<String> walked = new TreeSet<>();
        try (Stream<Path> s = Files.walk(dir())) {
            s.filter(p -> !p.equals(dir())).forEach(p -> walked.add(dir().relativize(p).toString()));
        }
        assertThat(walked).hasSize(324).isEqualTo(expected);
        try (Stream<Path> s = Files.find(dir(), 10, (p, a) -> a.isRegularFile() && a.size() == "file 1/1".length())) {
            assertThat(s.count()).isEqualTo(10 * 10);   // "file i/j" with one-digit i and j
        }
        long total;
        try (Stream<Path> s = Files.walk(dir())) {
            total = s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
        }
        long hostTotal;
        try (Stream<Path> s = Files.walk(local())) {
            hostTotal = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(total).isEqualTo(hostTotal);
    }

    @Test
    default void movesRenameAndReplaceAsAsked() throws IOException {
        Files.writeString(local().resolve("a"), "A");
        Files.writeString(local().resolve("b"), "B");
        Files.createDirectories(local().resolve("sub/inner"));
        Path a = dir().resolve("a");
        Path b = dir().resolve("b");
        assertThatThrownBy(() -> Files.move(a, b)).isInstanceOf(FileAlreadyExistsException.class).hasMessage(b.toString());
        Files.move(a, b, StandardCopyOption.REPLACE_EXISTING);
        assertThat(local().resolve("a")).doesNotExist();
        assertThat(Files.readString(local().resolve("b"))).isEqualTo("A");
        Files.move(b, dir().resolve("sub/b"));   // to another directory
        assertThat(Files.readString(local().resolve("sub/b"))).isEqualTo("A");
        Files.move(dir().resolve("sub/b"), dir().resolve("sub/b"));   // the same file: nothing happens
        assertThat(local().resolve("sub/b")).exists();
        Files.move(dir().resolve("sub"), dir().resolve("moved"));   // a directory with its content
        assertThat(Files.readString(local().resolve("moved/b"))).isEqualTo("A");
        assertThat(local().resolve("moved/inner")).isDirectory();
        Files.createDirectory(local().resolve("empty"));
        Files.move(dir().resolve("empty"), dir().resolve("moved/inner"), StandardCopyOption.REPLACE_EXISTING);
        assertThat(local().resolve("empty")).doesNotExist();
        assertThatThrownBy(() -> Files.move(dir().resolve("moved/inner"), dir().resolve("moved"),
                StandardCopyOption.REPLACE_EXISTING)).isInstanceOf(IOException.class);
        Files.createDirectory(local().resolve("full"));
        Files.writeString(local().resolve("full/x"), "x");
        Files.createDirectory(local().resolve("other"));
        assertThatThrownBy(() -> Files.move(dir().resolve("other"), dir().resolve("full"),
                StandardCopyOption.REPLACE_EXISTING)).isInstanceOf(DirectoryNotEmptyException.class);
        assertThatThrownBy(() -> Files.move(dir().resolve("nothing"), dir().resolve("x")))
                .isInstanceOf(NoSuchFileException.class);
        if (dialect() == Dialect.P9P2000_L) {
            Files.move(dir().resolve("moved/b"), dir().resolve("atomic"), StandardCopyOption.ATOMIC_MOVE);
            assertThat(Files.readString(local().resolve("atomic"))).isEqualTo("A");
        } else {
            assertThatThrownBy(() -> Files.move(dir().resolve("moved/b"), dir().resolve("atomic"),
                    StandardCopyOption.ATOMIC_MOVE)).isInstanceOf(AtomicMoveNotSupportedException.class);
            Files.move(dir().resolve("moved/b"), dir().resolve("atomic"));   // copy and delete
            assertThat(Files.readString(local().resolve("atomic"))).isEqualTo("A");
            assertThat(local().resolve("moved/b")).doesNotExist();
        }
    }

    @Test
    default void copiesKeepContentAndOptionallyAttributes() throws IOException {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(data);
        Files.write(local().resolve("src"), data);
        Files.setPosixFilePermissions(local().resolve("src"), PosixFilePermissions.fromString("rwx--x---"));
        FileTime t = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));
        Files.setLastModifiedTime(local().resolve("src"), t);
        Path src = dir().resolve("src");
        Files.copy(src, dir().resolve("plain"));
        assertThat(Files.readAllBytes(local().resolve("plain"))).isEqualTo(data);
        assertThat(Files.getLastModifiedTime(local().resolve("plain"))).isNotEqualTo(t);
        Files.copy(src, dir().resolve("attrs"), StandardCopyOption.COPY_ATTRIBUTES);
        assertThat(Files.getLastModifiedTime(local().resolve("attrs"))).isEqualTo(t);
        assertThat(Files.getPosixFilePermissions(local().resolve("attrs")))
                .isEqualTo(PosixFilePermissions.fromString("rwx--x---"));
        assertThatThrownBy(() -> Files.copy(src, dir().resolve("plain"))).isInstanceOf(FileAlreadyExistsException.class);
        Files.writeString(local().resolve("small"), "small");
        Files.copy(dir().resolve("small"), dir().resolve("plain"), StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.readString(local().resolve("plain"))).isEqualTo("small");
        Files.createDirectories(local().resolve("tree/sub"));
        Files.copy(dir().resolve("tree"), dir().resolve("tree2"));   // a directory, without its entries
        assertThat(local().resolve("tree2")).isEmptyDirectory();
        Files.copy(src, src);   // the same file: nothing happens
        assertThat(Files.readAllBytes(local().resolve("src"))).isEqualTo(data);
        // Through streams, to and from this machine's file system.
        Path here = local().resolve("copied-here");
        Files.copy(src, here);
        assertThat(Files.readAllBytes(here)).isEqualTo(data);
        Files.copy(here, dir().resolve("copied-back"));
        assertThat(Files.readAllBytes(local().resolve("copied-back"))).isEqualTo(data);
    }

    @Test
    default void copiesAndMovesBetweenTwoFileSystemsStream() throws IOException {
        byte[] data = new byte[2 * 1024 * 1024 + 5];
        new java.util.Random(3).nextBytes(data);
        Files.write(local().resolve("src"), data);
        Files.createDirectory(local().resolve("srcdir"));
        var other = openAs("ninep-other", 0);
        Path there = other.getPath(dir().toString());
        Files.copy(dir().resolve("src"), there.resolve("copied"), StandardCopyOption.COPY_ATTRIBUTES);
        assertThat(Files.readAllBytes(local().resolve("copied"))).isEqualTo(data);
        Instant copied = Files.getLastModifiedTime(local().resolve("copied")).toInstant();
        Instant src = Files.getLastModifiedTime(local().resolve("src")).toInstant();
        if (dialect() == Dialect.P9P2000_L) {
            assertThat(copied).isEqualTo(src);
        } else {   // 9P2000.u carries whole seconds
            assertThat(copied.getEpochSecond()).isEqualTo(src.getEpochSecond());
        }
        assertThatThrownBy(() -> Files.copy(dir().resolve("src"), there.resolve("copied")))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> Files.move(dir().resolve("src"), there.resolve("moved"), StandardCopyOption.ATOMIC_MOVE))
                .isInstanceOf(AtomicMoveNotSupportedException.class);
        Files.move(dir().resolve("src"), there.resolve("moved"));
        assertThat(local().resolve("src")).doesNotExist();
        assertThat(Files.readAllBytes(local().resolve("moved"))).isEqualTo(data);
        Files.move(dir().resolve("srcdir"), there.resolve("movedDir"));
        assertThat(local().resolve("movedDir")).isDirectory();
        assertThat(local().resolve("srcdir")).doesNotExist();
    }

    @Test
    default void sameFilesHiddenFilesStoresAndAccess() throws IOException {
        Files.writeString(local().resolve("f"), "f");
        Files.createDirectory(local().resolve("d"));
        assertThat(Files.isSameFile(dir().resolve("f"), dir().resolve("d/../f"))).isTrue();
        assertThat(Files.isSameFile(dir().resolve("f"), dir().resolve("d"))).isFalse();
        assertThat(Files.isSameFile(dir().resolve("f"), local().resolve("f"))).isFalse();
        assertThat(Files.isHidden(dir().resolve(".x"))).isTrue();
        assertThat(Files.isHidden(dir().resolve("f"))).isFalse();
        fs().provider().checkAccess(dir().resolve("f"));
        fs().provider().checkAccess(dir().resolve("f"), AccessMode.READ, AccessMode.WRITE);
        assertThat(Files.isReadable(dir().resolve("f"))).isTrue();
        assertThat(Files.isExecutable(dir().resolve("f"))).isFalse();   // root: no x bit anywhere
        assertThat(Files.isExecutable(dir().resolve("d"))).isTrue();
        assertThatThrownBy(() -> fs().provider().checkAccess(dir().resolve("none"))).isInstanceOf(NoSuchFileException.class);
        assertThat(Files.exists(dir().resolve("none"))).isFalse();
        assertThat(Files.notExists(dir().resolve("none"))).isTrue();
        if (dialect() == Dialect.P9P2000_L) {
            FileStore store = Files.getFileStore(dir().resolve("f"));
            FileStore host = Files.getFileStore(local());
            assertThat(store.type()).isEqualTo("9p");
            assertThat(store.getTotalSpace()).isEqualTo(host.getTotalSpace());
            assertThat(store.getUsableSpace()).isPositive().isLessThanOrEqualTo(store.getTotalSpace());
            assertThat(store.getBlockSize()).isPositive();
        }
        assertThat(Files.readAttributes(dir().resolve("f"), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .fileKey()).isEqualTo(Files.readAttributes(dir().resolve("d/../f"), BasicFileAttributes.class).fileKey());
    }
}
