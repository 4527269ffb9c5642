package io.ninep.server.memory;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.LinuxFileMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A directory of a {@link MemoryFileServer} tree, as the program that publishes files sees it.
 * Each method adds one entry (an entry of that name is replaced, except by
 * {@link #directory}, which returns the one there). Everything the program adds belongs to uid 0
 * and gid 0; {@link #chmod} and {@link #chown} change that. Thread-safe; the tree may change while
 * clients use it.
 */
public final class MemoryDirectory {
    private final MemoryFileServer fs;
    private final Inode.Directory dir;

    MemoryDirectory(MemoryFileServer fs, Inode.Directory dir) {
        this.fs = fs;
        this.dir = dir;
    }

    /** The subdirectory {@code name}, made (mode 0755) if it does not exist. */
    public MemoryDirectory directory(String name) {
        checkName(name);
        fs.tree.writeLock().lock();
        try {
            Inode.Entry e = dir.byName.get(name);
            if (e != null && e.inode() instanceof Inode.Directory d) {
                return new MemoryDirectory(fs, d);
            }
            var d = new Inode.Directory(fs, dir, name, 0755, 0, 0);
            put(name, d);
            dir.nlink++;
            return new MemoryDirectory(fs, d);
        } finally {
            fs.tree.writeLock().unlock();
        }
    }

    /** A regular file (mode 0644) holding {@code content}; clients may change it like any file. */
    public void file(String name, byte[] content) {
        checkName(name);
        var f = new Inode.Regular(fs, 0644, 0, 0);
        try {
            f.pages.write(0, ByteBuffer.wrap(content));
        } catch (ErrnoException e) {
            throw new IllegalStateException("cannot store " + name + ": " + e.getMessage(), e);
        }
        add(name, f);
    }

    /** A regular file holding {@code content} in UTF-8. */
    public void file(String name, String content) {
        file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A read-only file (0444) whose content {@code content} makes anew at each open, so that a
     * client reading it from start to end sees one consistent value. Its size reads as 0, as in
     * /proc: clients should mount without caching (the default cache=none) to read it.
     */
    public void computed(String name, Supplier<String> content) {
        Objects.requireNonNull(content, "content");
        computedBytes(name, () -> content.get().getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #computed}, with bytes. */
    public void computedBytes(String name, Supplier<byte[]> content) {
        Objects.requireNonNull(content, "content");
        addSynthetic(name, 0444, new SyntheticContent() {
            @Override
            public long size() {
                return 0;
            }

            @Override
            public boolean writable() {
                return false;
            }

            @Override
            public Handle open(int flags) throws IOException {
                byte[] snapshot;
                try {
                    snapshot = content.get();
                } catch (RuntimeException e) {
                    throw new ErrnoException(Errno.EIO, "computing " + name + ": " + e);
                }
                return new Handle() {
                    @Override
                    public int read(long offset, ByteBuffer dst) {
                        if (offset >= snapshot.length) {
                            return 0;
                        }
                        int n = (int) Math.min(dst.remaining(), snapshot.length - offset);
                        dst.put(snapshot, (int) offset, n);
                        return n;
                    }
                };
            }
        });
    }

    /**
     * A write-only control file (0200): each write is handed to {@code handler} as one command.
     * Reads return nothing.
     */
    public void control(String name, ControlHandler handler) {
        Objects.requireNonNull(handler, "handler");
        addSynthetic(name, 0200, new SyntheticContent() {
            @Override
            public long size() {
                return 0;
            }

            @Override
            public Handle open(int flags) {
                return new Handle() {
                    @Override
                    public int read(long offset, ByteBuffer dst) {
                        return 0;
                    }

                    @Override
                    public int write(long offset, ByteBuffer src) throws IOException {
                        int n = src.remaining();
                        byte[] b = new byte[n];
                        src.get(b);
                        String text = new String(b, StandardCharsets.UTF_8);
                        if (text.endsWith("\n")) {
                            text = text.substring(0, text.length() - 1);
                        }
                        handler.command(text);
                        return n;
                    }
                };
            }
        });
    }

    /** A stream file (0444): reads wait for what the program {@link MemoryStream#publish publishes}. */
    public MemoryStream stream(String name) {
        MemoryStream s = new MemoryStream();
        addSynthetic(name, 0444, s.content());
        return s;
    }

    /** A file whose reads and writes {@code file} implements. */
    public void synthetic(String name, int mode, SyntheticFile file) {
        Objects.requireNonNull(file, "file");
        addSynthetic(name, mode, new SyntheticContent() {
            @Override
            public long size() {
                return file.size();
            }

            @Override
            public Handle open(int flags) {
                return new Handle() {
                    @Override
                    public int read(long offset, ByteBuffer dst) throws IOException {
                        return file.read(offset, dst);
                    }

                    @Override
                    public int write(long offset, ByteBuffer src) throws IOException {
                        return file.write(offset, src);
                    }
                };
            }
        });
    }

    /** A symbolic link to {@code target}. */
    public void symlink(String name, String target) {
        add(name, new Inode.Symlink(fs, target, 0, 0));
    }

    /** Removes the entry {@code name} (a directory with everything in it); false if there was none. */
    public boolean remove(String name) {
        fs.tree.writeLock().lock();
        try {
            Inode.Entry e = dir.remove(name);
            if (e == null) {
                return false;
            }
            NameChanges.unlinked(e.inode(), dir);
            return true;
        } finally {
            fs.tree.writeLock().unlock();
        }
    }

    /** Sets the permission bits of the directory itself. */
    public MemoryDirectory chmod(int mode) {
        dir.rw.writeLock().lock();
        try {
            dir.permissions = mode & LinuxFileMode.PERMISSIONS;
        } finally {
            dir.rw.writeLock().unlock();
        }
        return this;
    }

    /** Sets the owner of the directory itself. */
    public MemoryDirectory chown(int uid, int gid) {
        dir.rw.writeLock().lock();
        try {
            dir.uid = uid;
            dir.gid = gid;
        } finally {
            dir.rw.writeLock().unlock();
        }
        return this;
    }

    private void addSynthetic(String name, int mode, SyntheticContent content) {
        add(name, new Inode.Synthetic(fs, mode, content));
    }

    private void add(String name, Inode inode) {
        checkName(name);
        fs.tree.writeLock().lock();
        try {
            put(name, inode);
        } finally {
            fs.tree.writeLock().unlock();
        }
    }

    /** Adds or replaces; tree write lock held. */
    private void put(String name, Inode inode) {
        Inode.Entry old = dir.remove(name);
        if (old != null) {
            NameChanges.unlinked(old.inode(), dir);
        }
        dir.add(name, inode);
        dir.markModified();
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("'" + name + "' is not a file name");
        }
    }

    @Override
    public String toString() {
        return "memory directory " + (dir.name == null ? "/" : dir.name);
    }
}
