package io.ninep.client.nio;

import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Qid;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * A file's attributes as one 9P reply gave them: Rgetattr, or in 9P2000 and .u an Rstat made
 * into {@link Attr} (whose owner and group names are kept).
 *
 * @param attr the attributes
 * @param userName the owner's name (9P2000, .u), or null: the numeric uid is the name
 * @param groupName the group's name (9P2000, .u), or null
 */
record NinepAttributes(Attr attr, String userName, String groupName) implements NinepFileAttributes {

    @Override
    public FileTime lastModifiedTime() {
        return FileTime.from(attr.mtime());
    }

    @Override
    public FileTime lastAccessTime() {
        return FileTime.from(attr.atime());
    }

    /** The birth time if the server gives one, else the last modification time (as the JDK on Linux). */
    @Override
    public FileTime creationTime() {
        if (attr.has(Attr.BTIME) && (attr.btimeSec() != 0 || attr.btimeNsec() != 0)) {
            return FileTime.from(attr.btime());
        }
        return lastModifiedTime();
    }

    @Override
    public boolean isRegularFile() {
        return (attr.mode() & LinuxFileMode.S_IFMT) == LinuxFileMode.S_IFREG;
    }

    @Override
    public boolean isDirectory() {
        return (attr.mode() & LinuxFileMode.S_IFMT) == LinuxFileMode.S_IFDIR;
    }

    @Override
    public boolean isSymbolicLink() {
        return (attr.mode() & LinuxFileMode.S_IFMT) == LinuxFileMode.S_IFLNK;
    }

    @Override
    public boolean isOther() {
        return !isRegularFile() && !isDirectory() && !isSymbolicLink();
    }

    @Override
    public long size() {
        return attr.size();
    }

    /** The qid's path, a {@link Long}: equal for two paths of the same file. */
    @Override
    public Object fileKey() {
        return attr.qid().path();
    }

    @Override
    public UserPrincipal owner() {
        return Principals.user(userName, attr.uid());
    }

    @Override
    public GroupPrincipal group() {
        return Principals.group(groupName, attr.gid());
    }

    @Override
    public Set<PosixFilePermission> permissions() {
        return Attributes.permissions(attr.mode());
    }

    @Override
    public Qid qid() {
        return attr.qid();
    }

    @Override
    public int mode() {
        return attr.mode();
    }

    @Override
    public int uid() {
        return attr.uid();
    }

    @Override
    public int gid() {
        return attr.gid();
    }

    @Override
    public long nlink() {
        return attr.nlink();
    }

    @Override
    public long rdev() {
        return attr.rdev();
    }

    @Override
    public long blockSize() {
        return attr.blksize();
    }

    @Override
    public long blocks() {
        return attr.blocks();
    }

    @Override
    public FileTime lastChangeTime() {
        return FileTime.from(attr.ctime());
    }

    @Override
    public long generation() {
        return attr.gen();
    }

    @Override
    public long dataVersion() {
        return attr.dataVersion();
    }
}
