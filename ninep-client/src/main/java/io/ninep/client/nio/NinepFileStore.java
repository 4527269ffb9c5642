package io.ninep.client.nio;

import io.ninep.client.Fid;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.message.StatFs;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * The storage behind a path, as Tstatfs describes it (9P2000.L). Each question asks the server
 * again, so the figures are current. 9P2000 and .u have no statfs: the space figures then fail
 * with a FileSystemException saying so. Whether the export is read-only is not something 9P
 * says; {@link #isReadOnly()} answers false and a read-only server refuses changes with EROFS.
 */
final class NinepFileStore extends FileStore {
    private final NinepFileSystem fs;
    private final NinepPath path;

    NinepFileStore(NinepFileSystem fs, NinepPath path) {
        this.fs = fs;
        this.path = path;
    }

    /** The tree attached (its aname), or "/" for the server's default tree. */
    @Override
    public String name() {
        return fs.aname().isEmpty() ? "/" : fs.aname();
    }

    @Override
    public String type() {
        return "9p";
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    StatFs statfs() throws IOException {
        if (fs.dialect() != Dialect.P9P2000_L) {
            throw new FileSystemException(path.toString(), null, fs.dialect() + " has no statfs (9P2000.L has)");
        }
        Operations ops = fs.operations();
        try {
            Fid f = ops.resolver().walk(path, true);
            try {
                return f.statfs();
            } finally {
                Fids.release(f);
            }
        } catch (IOException e) {
            throw Errors.translate(fs, e, path, null);
        }
    }

    @Override
    public long getTotalSpace() throws IOException {
        StatFs s = statfs();
        return s.blocks() * Integer.toUnsignedLong(s.bsize());
    }

    @Override
    public long getUsableSpace() throws IOException {
        StatFs s = statfs();
        return s.bavail() * Integer.toUnsignedLong(s.bsize());
    }

    @Override
    public long getUnallocatedSpace() throws IOException {
        StatFs s = statfs();
        return s.bfree() * Integer.toUnsignedLong(s.bsize());
    }

    @Override
    public long getBlockSize() throws IOException {
        return Integer.toUnsignedLong(statfs().bsize());
    }

    @Override
    public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
        return type == BasicFileAttributeView.class || type == PosixFileAttributeView.class
                || type == FileOwnerAttributeView.class || type == NinepFileAttributeView.class;
    }

    @Override
    public boolean supportsFileAttributeView(String name) {
        return fs.supportedFileAttributeViews().contains(name);
    }

    @Override
    public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
        return null;
    }

    @Override
    public Object getAttribute(String attribute) throws IOException {
        return switch (attribute) {
            case "totalSpace" -> getTotalSpace();
            case "usableSpace" -> getUsableSpace();
            case "unallocatedSpace" -> getUnallocatedSpace();
            case "bytesPerSector" -> getBlockSize();
            default -> throw new UnsupportedOperationException("'" + attribute + "' is not a file store attribute");
        };
    }

    @Override
    public String toString() {
        return name() + " (9p on " + fs + ")";
    }
}
