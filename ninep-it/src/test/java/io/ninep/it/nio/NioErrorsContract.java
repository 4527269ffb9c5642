package io.ninep.it.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.client.Fid;
import io.ninep.client.RemoteErrorException;
import io.ninep.client.Session;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.message.Rlock;
import io.ninep.protocol.message.Tlock;
import java.util.List;
import io.ninep.client.nio.NinepFileSystem;
import io.ninep.protocol.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The standard exceptions with the paths in them, permissions, closing, locks. */
interface NioErrorsContract extends NioFixture {

    @Test
    default void errorsAreTheStandardExceptionsNamingThePaths() throws IOException {
        Files.writeString(local().resolve("file"), "f");
        Files.createDirectories(local().resolve("full/sub"));
        Path file = dir().resolve("file");
        assertThatThrownBy(() -> Files.readAllBytes(dir().resolve("missing")))
                .isInstanceOfSatisfying(NoSuchFileException.class, e -> {
                    assertThat(e.getFile()).isEqualTo(dir().resolve("missing").toString());
                    assertThat(e.getCause()).isInstanceOf(RemoteErrorException.class);
                });
        assertThatThrownBy(() -> Files.readAllBytes(dir().resolve("no/such/deep/file")))
                .isInstanceOfSatisfying(NoSuchFileException.class,
                        e -> assertThat(e.getFile()).isEqualTo(dir().resolve("no/such/deep/file").toString()));
        assertThatThrownBy(() -> Files.createFile(file)).isInstanceOfSatisfying(FileAlreadyExistsException.class,
                e -> assertThat(e.getFile()).isEqualTo(file.toString()));
        assertThatThrownBy(() -> Files.delete(dir().resolve("full"))).isInstanceOfSatisfying(
                DirectoryNotEmptyException.class, e -> assertThat(e.getFile()).isEqualTo(dir().resolve("full").toString()));
        assertThatThrownBy(() -> Files.newDirectoryStream(file)).isInstanceOfSatisfying(NotDirectoryException.class,
                e -> assertThat(e.getFile()).isEqualTo(file.toString()));
        assertThatThrownBy(() -> Files.readString(file.resolve("below"))).isInstanceOf(FileSystemException.class)
                .hasMessageContaining(file.resolve("below").toString());
        assertThatThrownBy(() -> Files.createDirectory(file.resolve("below"))).isInstanceOf(FileSystemException.class);
        if (dialect() != Dialect.P9P2000) {
            assertThatThrownBy(() -> Files.readSymbolicLink(file)).isInstanceOfSatisfying(NotLinkException.class,
                    e -> assertThat(e.getFile()).isEqualTo(file.toString()));
        }
        assertThatThrownBy(() -> Files.move(dir().resolve("missing"), dir().resolve("x")))
                .isInstanceOfSatisfying(NoSuchFileException.class,
                        e -> assertThat(e.getFile()).isEqualTo(dir().resolve("missing").toString()));
        assertThatThrownBy(() -> Files.delete(fs().getPath("/"))).isInstanceOf(FileSystemException.class);
        assertThatThrownBy(() -> Files.newByteChannel(dir().resolve("full"), StandardOpenOption.WRITE))
                .isInstanceOf(FileSystemException.class).hasMessageContaining("full");
    }

    @Test
    default void permissionsAreTheServersAndDenialIsAccessDenied() throws IOException {
        if (!checksPermissionsPerUser()) {
            return;
        }
        Files.writeString(local().resolve("secret"), "root only");
        Files.setPosixFilePermissions(local().resolve("secret"), PosixFilePermissions.fromString("rw-------"));
        Files.createDirectory(local().resolve("closed"));
        Files.writeString(local().resolve("closed/inside"), "x");
        Files.setPosixFilePermissions(local().resolve("closed"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(local(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(local().getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        NinepFileSystem nobody = openAs("nobody", 65534);
        Path secret = nobody.getPath(dir().resolve("secret").toString());
        assertThatThrownBy(() -> Files.readString(secret)).isInstanceOfSatisfying(AccessDeniedException.class,
                e -> assertThat(e.getFile()).isEqualTo(secret.toString()));
        assertThatThrownBy(() -> nobody.provider().checkAccess(secret, AccessMode.READ))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(Files.isReadable(secret)).isFalse();
        assertThat(Files.exists(secret)).isTrue();
        // A walk that stops inside a directory the user may not search: the server's EACCES, not ENOENT.
        Path inside = nobody.getPath(dir().resolve("closed/inside").toString());
        assertThatThrownBy(() -> Files.readString(inside)).isInstanceOfSatisfying(AccessDeniedException.class,
                e -> assertThat(e.getFile()).isEqualTo(inside.toString()));
        assertThatThrownBy(() -> Files.writeString(nobody.getPath(dir().resolve("new").toString()), "x"))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(local().resolve("new")).doesNotExist();
        assertThat(Files.readString(dir().resolve("secret"))).isEqualTo("root only");   // root may
    }

    @Test
    default void closingTheFileSystemClosesItsChannelsAndStreams() throws IOException {
        Files.writeString(local().resolve("f"), "content");
        NinepFileSystem other = openAs("ninep-closing", 0);
        Path f = other.getPath(dir().resolve("f").toString());
        SeekableByteChannel ch = Files.newByteChannel(f);
        InputStream in = Files.newInputStream(f);
        var ds = Files.newDirectoryStream(other.getPath(dir().toString()));
        var entries = ds.iterator();
        assertThatThrownBy(() -> FileSystems.newFileSystem(other.toUri(), java.util.Map.of("n_uname", 0,
                "aname", other.aname()))).isInstanceOf(FileSystemAlreadyExistsException.class);
        assertThat(FileSystems.getFileSystem(other.toUri())).isSameAs(other);
        assertThat(Path.of(f.toUri())).isEqualTo(f);
        other.close();
        assertThat(other.isOpen()).isFalse();
        assertThat(ch.isOpen()).isFalse();
        assertThatThrownBy(() -> ch.read(ByteBuffer.allocate(1))).isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
        assertThat(entries.hasNext()).isFalse();
        assertThatThrownBy(() -> Files.readString(f)).isInstanceOf(ClosedFileSystemException.class);
        assertThatThrownBy(() -> Files.exists(f)).isInstanceOf(ClosedFileSystemException.class);
        assertThatThrownBy(() -> FileSystems.getFileSystem(other.toUri()))
                .isInstanceOf(java.nio.file.FileSystemNotFoundException.class);
        other.close();   // twice is fine
    }

    @Test
    default void locksAreServerRecordLocks() throws IOException {
        if (dialect() != Dialect.P9P2000_L) {
            return;
        }
        Files.writeString(local().resolve("locked"), "0123456789");
        NinepFileSystem second = openAs("ninep-locking", 0);
        Path path = dir().resolve("locked");
        try (FileChannel a = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel b = FileChannel.open(second.getPath(path.toString()), StandardOpenOption.READ,
                     StandardOpenOption.WRITE);
             Session raw = rawSession();
             Fid root = raw.attach(null, "root", (String) env().getOrDefault("aname", ""), 0);
             Fid other = root.walk(path.getFileName().toString().isEmpty() ? List.of() : namesOf(path))) {
            other.open(LinuxOpenFlags.O_RDWR);
            FileLock l = a.lock(0, 5, false);
            assertThat(l.isValid()).isTrue();
            // Within this JVM, as the JDK: overlapping locks are refused, in any file system of the server.
            assertThatThrownBy(() -> a.tryLock(2, 2, false)).isInstanceOf(OverlappingFileLockException.class);
            assertThatThrownBy(() -> b.tryLock(0, 5, false)).isInstanceOf(OverlappingFileLockException.class);
            if (hasRecordLocks()) {
                // Another owner (another process) is held off by the server, range by range.
                assertThat(other.lock(Tlock.WRLCK, 0, 0, 5, 4242, "localhost")).isEqualTo(Rlock.BLOCKED);
                assertThat(other.lock(Tlock.WRLCK, 0, 5, 5, 4242, "localhost")).isEqualTo(Rlock.SUCCESS);
                try (FileLock mine = b.tryLock(5, 5, true)) {
                    assertThat(mine).as("a range another owner holds").isNull();
                }
            }
            l.release();
            assertThat(l.isValid()).isFalse();
            if (hasRecordLocks()) {
                assertThat(other.lock(Tlock.WRLCK, 0, 0, 5, 4242, "localhost")).isEqualTo(Rlock.SUCCESS);
                assertThat(a.tryLock(0, 10, true)).isNull();
                assertThat(other.lock(Tlock.UNLCK, 0, 0, 0, 4242, "localhost")).isEqualTo(Rlock.SUCCESS);
            }
            try (FileLock now = b.tryLock(0, 5, true)) {
                assertThat(now).isNotNull();
                assertThat(now.isShared()).isTrue();
            }
        }
    }

    private static List<String> namesOf(Path p) {
        List<String> names = new java.util.ArrayList<>();
        p.forEach(n -> names.add(n.toString()));
        return names;
    }
}
