package io.ninep.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Qid;
import org.junit.jupiter.api.Test;

/** The st_mode bits, dirent types and qid types, checked against Linux's stat.h and dirent.h. */
class LinuxFileModeTest {

    @Test
    void theFileTypesAreLinuxsAndDirentTypesAreTheTypeBitsShiftedDown() {
        int[][] typeAndDirent = {
            {LinuxFileMode.S_IFIFO, DirEntry.DT_FIFO}, {LinuxFileMode.S_IFCHR, DirEntry.DT_CHR},
            {LinuxFileMode.S_IFDIR, DirEntry.DT_DIR}, {LinuxFileMode.S_IFBLK, DirEntry.DT_BLK},
            {LinuxFileMode.S_IFREG, DirEntry.DT_REG}, {LinuxFileMode.S_IFLNK, DirEntry.DT_LNK},
            {LinuxFileMode.S_IFSOCK, DirEntry.DT_SOCK},
        };
        for (int[] t : typeAndDirent) {
            assertThat(t[0] & ~LinuxFileMode.S_IFMT).isZero();
            assertThat(LinuxFileMode.direntType(t[0] | 0755)).isEqualTo(t[1]).isEqualTo(t[0] >>> 12);
        }
        assertThat(LinuxFileMode.direntType(0644)).isEqualTo(DirEntry.DT_UNKNOWN);
        assertThat(LinuxFileMode.PERMISSIONS).isEqualTo(LinuxFileMode.S_ISUID | LinuxFileMode.S_ISGID
                | LinuxFileMode.S_ISVTX | 0777);
    }

    @Test
    void predicatesAndQidTypesLookAtTheTypeBitsOnly() {
        int dir = LinuxFileMode.S_IFDIR | 01777;
        int file = LinuxFileMode.S_IFREG | 04755;
        int link = LinuxFileMode.S_IFLNK | 0777;
        int fifo = LinuxFileMode.S_IFIFO | 0600;
        assertThat(LinuxFileMode.isDirectory(dir)).isTrue();
        assertThat(LinuxFileMode.isDirectory(file)).isFalse();
        assertThat(LinuxFileMode.isRegular(file)).isTrue();
        assertThat(LinuxFileMode.isRegular(fifo)).isFalse();
        assertThat(LinuxFileMode.isSymlink(link)).isTrue();
        assertThat(LinuxFileMode.isSymlink(dir)).isFalse();
        assertThat(LinuxFileMode.qidType(dir)).isEqualTo(Qid.DIR);
        assertThat(LinuxFileMode.qidType(link)).isEqualTo(Qid.SYMLINK);
        assertThat(LinuxFileMode.qidType(file)).isEqualTo(Qid.FILE);
        assertThat(LinuxFileMode.qidType(fifo)).isEqualTo(Qid.FILE);
    }
}
