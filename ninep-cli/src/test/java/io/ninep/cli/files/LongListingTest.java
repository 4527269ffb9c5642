package io.ninep.cli.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ls -l's lines, checked against what coreutils' ls prints for the same files in the C locale. */
class LongListingTest {
    private static final Instant NOW = Instant.parse("2025-11-21T12:00:00Z");
    private static final ZoneId UTC = ZoneOffset.UTC;
    private final LongListing listing = new LongListing(NOW, UTC, false);

    private static LongListing.Row row(String name, FileInfo i) {
        return new LongListing.Row(name, i);
    }

    @Test
    void columnsAreAlignedAsCoreutilsAlignsThem() {
        List<String> lines = listing.lines(List.of(
                row("docs", Infos.attr(040755, 12, 0, 0, 4096, Instant.parse("2025-11-21T11:34:56Z"))),
                row("old.txt", Infos.attr(0100644, 1, 1000, 100, 123, Instant.parse("2024-05-01T10:00:00Z"))),
                row("link", Infos.attr(0120777, 1, 0, 0, 7, 0, Instant.parse("2025-11-21T11:00:00Z"), "old.txt")),
                row("null", Infos.attr(020666, 1, 0, 0, 0, FileInfo.makedev(1, 3), Instant.parse("2025-11-01T09:05:00Z"), null))));
        assertThat(lines).containsExactly(
                "drwxr-xr-x 12 0    0   4096 Nov 21 11:34 docs",
                "-rw-r--r--  1 1000 100  123 May  1  2024 old.txt",
                "lrwxrwxrwx  1 0    0      7 Nov 21 11:00 link -> old.txt",
                "crw-rw-rw-  1 0    0   1, 3 Nov  1 09:05 null");
    }

    @Test
    void deviceNumbersWiderThanSizesWidenTheColumn() {
        List<String> lines = listing.lines(List.of(
                row("sda", Infos.attr(060660, 1, 0, 6, 0, FileInfo.makedev(8, 0), NOW, null)),
                row("tty", Infos.attr(020620, 1, 0, 5, 0, FileInfo.makedev(136, 12), NOW, null)),
                row("f", Infos.attr(0100644, 1, 0, 0, 5, NOW))));
        assertThat(lines).containsExactly(
                "brw-rw---- 1 0 6   8,  0 Nov 21 12:00 sda",
                "crw--w---- 1 0 5 136, 12 Nov 21 12:00 tty",
                "-rw-r--r-- 1 0 0       5 Nov 21 12:00 f");
    }

    @Test
    void setIdAndStickyBitsShowAsLsShowsThem() {
        assertThat(ModeString.of(0104755)).isEqualTo("-rwsr-xr-x");
        assertThat(ModeString.of(0104644)).isEqualTo("-rwSr--r--");
        assertThat(ModeString.of(0102755)).isEqualTo("-rwxr-sr-x");
        assertThat(ModeString.of(0102645)).isEqualTo("-rw-r-Sr-x");
        assertThat(ModeString.of(041777)).isEqualTo("drwxrwxrwt");
        assertThat(ModeString.of(041776)).isEqualTo("drwxrwxrwT");
        assertThat(ModeString.of(0010600)).isEqualTo("prw-------");
        assertThat(ModeString.of(0140755)).isEqualTo("srwxr-xr-x");
        assertThat(ModeString.of(0107777)).isEqualTo("-rwsrwsrwt");
        assertThat(ModeString.of(0100000)).isEqualTo("----------");
    }

    @Test
    void timesWithinSixMonthsShowTheHourOlderOrFutureOnesTheYear() {
        Duration half = LongListing.SIX_MONTHS;
        assertThat(listing.time(NOW)).isEqualTo("Nov 21 12:00");
        assertThat(listing.time(NOW.minus(half).plusSeconds(1))).isEqualTo("May 22 21:05");
        assertThat(listing.time(NOW.minus(half).minusSeconds(1))).isEqualTo("May 22  2025");
        assertThat(listing.time(NOW.plusSeconds(60))).isEqualTo("Nov 21  2025");
        assertThat(listing.time(Instant.parse("2025-01-05T00:00:00Z"))).isEqualTo("Jan  5  2025");
        assertThat(new LongListing(NOW, ZoneId.of("Asia/Tokyo"), false).time(NOW)).isEqualTo("Nov 21 21:00");
    }

    @Test
    void totalCountsKibibyteBlocksRoundedUp() {
        List<LongListing.Row> rows = List.of(
                row("a", Infos.attr(0100644, 1, 0, 0, 1, NOW)),       // 1 block of 512
                row("b", Infos.attr(0100644, 1, 0, 0, 4096, NOW)),    // 8 blocks
                row("c", Infos.attr(0100644, 1, 0, 0, 513, NOW)));    // 2 blocks
        assertThat(listing.total(rows)).isEqualTo("total 6");
        assertThat(new LongListing(NOW, UTC, true).total(rows)).isEqualTo("total 5.5K");
        assertThat(listing.total(List.of())).isEqualTo("total 0");
    }

    @Test
    void humanSizesRoundUpAsLsDoes() {
        assertThat(Sizes.human(0)).isEqualTo("0");
        assertThat(Sizes.human(1023)).isEqualTo("1023");
        assertThat(Sizes.human(1024)).isEqualTo("1.0K");
        assertThat(Sizes.human(1025)).isEqualTo("1.1K");
        assertThat(Sizes.human(1536)).isEqualTo("1.5K");
        assertThat(Sizes.human(10239)).isEqualTo("10K");
        assertThat(Sizes.human(10241)).isEqualTo("11K");
        assertThat(Sizes.human(1048575)).isEqualTo("1.0M");
        assertThat(Sizes.human(3L << 20)).isEqualTo("3.0M");
        assertThat(Sizes.human(5_000_000_000L)).isEqualTo("4.7G");
        List<String> lines = new LongListing(NOW, UTC, true).lines(List.of(
                row("big", Infos.attr(0100644, 1, 0, 0, 3L << 20, NOW)),
                row("small", Infos.attr(0100644, 1, 0, 0, 10, NOW))));
        assertThat(lines).containsExactly(
                "-rw-r--r-- 1 0 0 3.0M Nov 21 12:00 big",
                "-rw-r--r-- 1 0 0   10 Nov 21 12:00 small");
    }

    @Test
    void classicStatsShowTheOwnerNamesTheServerSent() {
        var stat = new io.ninep.protocol.message.Stat(0, 0, new io.ninep.protocol.message.Qid(0, 0, 7), 0644,
                (int) NOW.getEpochSecond(), (int) NOW.getEpochSecond(), 1000, "notes", "glenda", "sys", "glenda",
                "", io.ninep.protocol.P9.NONUNAME, io.ninep.protocol.P9.NONUNAME, io.ninep.protocol.P9.NONUNAME);
        assertThat(listing.lines(List.of(row("notes", FileInfo.of(stat)))))
                .containsExactly("-rw-r--r-- 1 glenda sys 1000 Nov 21 12:00 notes");
        assertThat(listing.total(List.of(row("notes", FileInfo.of(stat))))).isEqualTo("total 1");
    }
}
