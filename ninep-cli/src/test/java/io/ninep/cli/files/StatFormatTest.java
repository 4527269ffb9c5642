package io.ninep.cli.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.P9;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.Stat;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StatFormatTest {
    private final StatFormat format = new StatFormat(ZoneOffset.ofHours(1));

    @Test
    void everyAttributeOfGetattrInStatsLayout() {
        Attr a = new Attr(Attr.ALL, new Qid(0, 3, 0x12d687), 0100640, 1000, 100, 2, 0, 1234, 4096, 8,
                1763728496L, 123456789, 1763728497L, 5, 1763728498L, 0, 1700000000L, 1, 77, 9);
        assertThat(format.lines("/docs/a.txt", FileInfo.of(a, null))).containsExactly(
                "  File: /docs/a.txt",
                "  Size: 1234      \tBlocks: 8          IO Block: 4096   regular file",
                "   Qid: (000000000012d687 3 )\tInode: 1234567     Links: 2",
                "Access: (0640/-rw-r-----)  Uid: ( 1000/    1000)   Gid: (  100/     100)",
                "Access: 2025-11-21 13:34:56.123456789 +0100",
                "Modify: 2025-11-21 13:34:57.000000005 +0100",
                "Change: 2025-11-21 13:34:58.000000000 +0100",
                " Birth: 2023-11-14 23:13:20.000000001 +0100",
                "   Gen: 77\tData version: 9");
    }

    @Test
    void symlinksDevicesAndMissingFields() {
        Attr link = new Attr(Attr.BASIC, new Qid(Qid.SYMLINK, 0, 5), 0120777, 0, 0, 1, 0, 7, 4096, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(format.lines("l", FileInfo.of(link, "old.txt")))
                .contains("  File: l -> old.txt", "  Size: 7         \tBlocks: 0          IO Block: 4096   symbolic link",
                        " Birth: -")
                .noneMatch(l -> l.startsWith("   Gen:"));
        Attr dev = new Attr(Attr.BASIC, new Qid(0, 0, 6), 020666, 0, 0, 1, FileInfo.makedev(1, 3), 0, 4096, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(format.lines("null", FileInfo.of(dev, null)))
                .contains("   Qid: (0000000000000006 0 )\tInode: 6           Links: 1 Device type: 1,3");
    }

    @Test
    void classicStatHasNoLinksBlocksOrChangeTimeButNames() {
        Stat s = new Stat(0, 0, new Qid(Qid.DIR, 0, 9), Stat.DMDIR | 0755, 1763728496, 1763728496, 0, "lib",
                "glenda", "sys", "bootes", "", P9.NONUNAME, P9.NONUNAME, P9.NONUNAME);
        assertThat(format.lines("/lib", FileInfo.of(s))).containsExactly(
                "  File: /lib",
                "  Size: 0         \tBlocks: -          IO Block: -      directory",
                "   Qid: (0000000000000009 0 d)\tInode: 9           Links: -",
                "Access: (0755/drwxr-xr-x)  Uid: (    -/  glenda)   Gid: (    -/     sys)",
                "Access: 2025-11-21 13:34:56.000000000 +0100",
                "Modify: 2025-11-21 13:34:56.000000000 +0100",
                "Change: -",
                " Birth: -",
                "  Muid: bootes");
    }
}
