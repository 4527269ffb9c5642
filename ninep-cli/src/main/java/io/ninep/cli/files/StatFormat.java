package io.ninep.cli.files;

import io.ninep.protocol.message.Attr;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The layout of stat(1), with the qid where stat shows the device (9P has none):
 * <pre>
 *   File: /docs/a.txt
 *   Size: 6         	Blocks: 8          IO Block: 4096   regular file
 *    Qid: (000000000012d687 0 )	Inode: 1234567     Links: 1
 * Access: (0644/-rw-r--r--)  Uid: (    0/       0)   Gid: (    0/       0)
 * Access: 2025-11-21 13:53:16.123456789 +0000
 * Modify: 2025-11-21 13:53:16.123456789 +0000
 * Change: 2025-11-21 13:53:16.123456789 +0000
 *  Birth: -
 *    Gen: 0	Data version: 0
 * </pre>
 * A field the server did not send (9P2000 and 9P2000.u have no link count, blocks, change or
 * birth time) shows as "-". 9P2000 and 9P2000.u add the last modifier: "  Muid: glenda".
 */
public final class StatFormat {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS Z", Locale.ROOT);

    private final ZoneId zone;

    public StatFormat(ZoneId zone) {
        this.zone = zone;
    }

    public List<String> lines(String shown, FileInfo i) {
        List<String> l = new ArrayList<>();
        l.add("  File: " + shown + (i.isSymlink() && i.linkTarget() != null ? " -> " + i.linkTarget() : ""));
        l.add(String.format(Locale.ROOT, "  Size: %-10s\tBlocks: %-10s IO Block: %-6s %s",
                Long.toUnsignedString(i.size()), known(i, Attr.BLOCKS, i.blocks()),
                i.blksize() != 0 ? Long.toUnsignedString(i.blksize()) : "-", ModeString.typeName(i.mode(), i.size())));
        String device = i.isDevice() && i.has(Attr.RDEV)
                ? " Device type: " + FileInfo.major(i.rdev()) + "," + FileInfo.minor(i.rdev()) : "";
        l.add(String.format(Locale.ROOT, "   Qid: %s\tInode: %-11s Links: %s%s", i.qid(),
                Long.toUnsignedString(i.qid().path()), known(i, Attr.NLINK, i.nlink()), device));
        l.add(String.format(Locale.ROOT, "Access: (%04o/%s)  Uid: (%5s/%8s)   Gid: (%5s/%8s)",
                i.mode() & 07777, ModeString.of(i.mode()),
                i.has(Attr.UID) ? Integer.toUnsignedString(i.uid()) : "-", i.ownerText(),
                i.has(Attr.GID) ? Integer.toUnsignedString(i.gid()) : "-", i.groupText()));
        l.add("Access: " + time(i, Attr.ATIME, i.atime()));
        l.add("Modify: " + time(i, Attr.MTIME, i.mtime()));
        l.add("Change: " + time(i, Attr.CTIME, i.ctime()));
        l.add(" Birth: " + time(i, Attr.BTIME, i.btime()));
        if (i.has(Attr.GEN) || i.has(Attr.DATA_VERSION)) {
            l.add("   Gen: " + known(i, Attr.GEN, i.gen()) + "\tData version: " + known(i, Attr.DATA_VERSION, i.dataVersion()));
        }
        if (i.muid() != null) {
            l.add("  Muid: " + i.muid());
        }
        return l;
    }

    private static String known(FileInfo i, long mask, long value) {
        return i.has(mask) ? Long.toUnsignedString(value) : "-";
    }

    private String time(FileInfo i, long mask, Instant t) {
        // stat(1) shows "-" for an unknown birth time, which Linux reports as 0
        if (!i.has(mask) || t == null || mask == Attr.BTIME && t.equals(Instant.EPOCH)) {
            return "-";
        }
        return TIME.format(t.atZone(zone));
    }
}
