package io.ninep.server.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoMapping;
import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Tunlinkat;
import io.ninep.protocol.message.Txattrcreate;
import io.ninep.server.spi.Created;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.FileServer;
import io.ninep.server.spi.Identity;
import io.ninep.server.spi.OpenFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** What the contract tests share: the server under test and helpers that keep the tests short. */
public interface ContractSupport {
    int RDONLY = LinuxOpenFlags.O_RDONLY;
    int WRONLY = LinuxOpenFlags.O_WRONLY;
    int RDWR = LinuxOpenFlags.O_RDWR;
    int AT_REMOVEDIR = Tunlinkat.AT_REMOVEDIR;
    int XATTR_CREATE = Txattrcreate.XATTR_CREATE;
    int XATTR_REPLACE = Txattrcreate.XATTR_REPLACE;

    FileServer server();

    FileNode root();

    Identity user();

    /** Releases {@code nodeOrFile} (a FileNode or OpenFile) after the test. */
    <T> T hold(T nodeOrFile);

    /** Releases it now. */
    void drop(Object nodeOrFile) throws IOException;

    /** The gid to create files with: the attached user's (0 for root), as a client would send. */
    default int gid() {
        return user().uid() == 0 ? 0 : user().uid();
    }

    /** An action that may fail with an errno. */
    @FunctionalInterface
    interface Failing {
        void run() throws Exception;
    }

    /** Runs {@code action}, which must fail with one of {@code expected}. */
    default void assertErrno(Failing action, Errno... expected) {
        int got;
        try {
            action.run();
            fail("expected " + Arrays.toString(expected) + ", but it succeeded");
            return;
        } catch (Exception e) {
            got = ErrnoMapping.errnoOf(e);
            Set<Integer> wanted = new java.util.HashSet<>();
            for (Errno x : expected) {
                wanted.add(x.number());
            }
            if (!wanted.contains(got)) {
                throw new AssertionError("expected " + Arrays.toString(expected) + " but got " + Errno.name(got)
                        + ": " + e, e);
            }
        }
    }

    /** Walks all of {@code names} from {@code from}; fails unless every name was walked. */
    default FileNode walk(FileNode from, String... names) throws IOException {
        List<FileNode> nodes = from.walk(List.of(names));
        nodes.forEach(this::hold);
        assertThat(nodes).as("walk %s", Arrays.toString(names)).hasSize(names.length);
        return nodes.getLast();
    }

    default FileNode walk(String... names) throws IOException {
        return walk(root(), names);
    }

    default OpenFile open(FileNode node, int flags) throws IOException {
        return hold(node.open(flags));
    }

    default Created create(FileNode dir, String name, int flags, int mode) throws IOException {
        Created c = dir.create(name, flags, mode, gid());
        hold(c.node());
        hold(c.file());
        return c;
    }

    /** Creates {@code name} in {@code dir} holding {@code content}, closed; returns its node. */
    default FileNode file(FileNode dir, String name, byte[] content) throws IOException {
        Created c = create(dir, name, RDWR, 0644);
        write(c.file(), 0, content);
        drop(c.file());
        return c.node();
    }

    default FileNode file(String name, String content) throws IOException {
        return file(root(), name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** mkdir {@code name} in {@code dir} (mode 0755), then walks to it. */
    default FileNode dir(FileNode dir, String name) throws IOException {
        dir.mkdir(name, 0755, gid());
        return walk(dir, name);
    }

    default FileNode dir(String name) throws IOException {
        return dir(root(), name);
    }

    default void write(OpenFile f, long offset, byte[] data) throws IOException {
        ByteBuffer src = ByteBuffer.wrap(data);
        long at = offset;
        while (src.hasRemaining()) {
            int n = f.write(at, src.slice());
            assertThat(n).isPositive();
            src.position(src.position() + n);
            at += n;
        }
    }

    /** Reads from 0 to the end, in pieces of {@code chunk} bytes. */
    default byte[] readAll(OpenFile f, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long at = 0;
        while (true) {
            ByteBuffer dst = ByteBuffer.allocate(chunk);
            int n = f.read(at, dst);
            if (n == 0) {
                return out.toByteArray();
            }
            assertThat(dst.position()).isEqualTo(n);
            out.write(dst.array(), 0, n);
            at += n;
        }
    }

    default byte[] content(FileNode node) throws IOException {
        OpenFile f = node.open(RDONLY);
        try {
            return readAll(f, 8192);
        } finally {
            f.close();
        }
    }

    default String text(FileNode node) throws IOException {
        return new String(content(node), StandardCharsets.UTF_8);
    }

    default Attr attr(FileNode node) throws IOException {
        return node.getattr(Attr.ALL);
    }

    default int type(FileNode node) throws IOException {
        return attr(node).mode() & LinuxFileMode.S_IFMT;
    }

    /** Every entry of an open directory, read {@code perCall} at a time, continuing from the last offset. */
    default List<DirEntry> readdir(OpenFile dir, int perCall) throws IOException {
        List<DirEntry> all = new ArrayList<>();
        long offset = 0;
        while (true) {
            List<DirEntry> batch = new ArrayList<>();
            dir.readdir(offset, (qid, off, type, name) -> {
                if (batch.size() == perCall) {
                    return false;
                }
                batch.add(new DirEntry(qid, off, type, name));
                return true;
            });
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
            offset = batch.getLast().offset();
        }
    }

    default List<DirEntry> readdir(FileNode dir) throws IOException {
        OpenFile f = dir.open(RDONLY);
        try {
            return readdir(f, 100);
        } finally {
            f.close();
        }
    }

    /** The names of a directory, without "." and "..". */
    default List<String> names(FileNode dir) throws IOException {
        return readdir(dir).stream().map(DirEntry::name).filter(n -> !n.equals(".") && !n.equals("..")).toList();
    }

    default byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
