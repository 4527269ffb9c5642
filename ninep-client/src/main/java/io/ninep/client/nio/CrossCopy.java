package io.ninep.client.nio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * Copy and move between two ninep file systems (two servers, users or trees), as the JDK does
 * between providers: the content streams from one to the other through
 * {@code newInputStream} and {@code newOutputStream}; a move is a copy and a delete, and cannot
 * be atomic. Symbolic links are copied as links.
 */
final class CrossCopy {
    private CrossCopy() {}

    static void copy(NinepPath source, NinepPath target, Options.Copy o) throws IOException {
        LinkOption[] follow = o.followLinks() ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        NinepAttributes a = source.getFileSystem().operations().attributes(source, o.followLinks());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (!o.replace()) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.delete(target);
        }
        if (a.isDirectory()) {
            Files.createDirectory(target);
        } else if (a.isSymbolicLink()) {
            Files.createSymbolicLink(target, target.getFileSystem().getPath(Files.readSymbolicLink(source).toString()));
        } else {
            try (InputStream in = Files.newInputStream(source, follow)) {
                Files.copy(in, target);
            }
        }
        if (o.copyAttributes() && !a.isSymbolicLink()) {
            PosixFileAttributeView v = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            v.setPermissions(a.permissions());
            v.setTimes(a.lastModifiedTime(), a.lastAccessTime(), null);
        }
    }

    static void move(NinepPath source, NinepPath target, Options.Copy o) throws IOException {
        if (o.atomic()) {
            throw new AtomicMoveNotSupportedException(source.toString(), target.toString(),
                    "the paths are on different file systems");
        }
        NinepAttributes a = source.getFileSystem().operations().attributes(source, false);
        if (a.isDirectory()) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(source)) {
                if (ds.iterator().hasNext()) {
                    throw new DirectoryNotEmptyException(source.toString());
                }
            }
        }
        copy(source, target, new Options.Copy(o.replace(), false, true, false));
        Files.delete(source);
    }
}
