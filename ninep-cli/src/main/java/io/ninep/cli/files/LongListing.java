package io.ninep.cli.files;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lines of {@code ls -l}, as coreutils' ls prints them in the C locale:
 * <pre>
 * drwxr-xr-x 2 1000 1000 4096 Nov 21 12:34 docs
 * -rw-r--r-- 1 1000 1000  123 Nov 21  2024 old.txt
 * lrwxrwxrwx 1 1000 1000    8 Nov 21 12:34 link -&gt; old.txt
 * crw-rw-rw- 1    0    0 1, 3 Nov 21 12:34 null
 * </pre>
 * Link counts and sizes are right-aligned, owners and groups left-aligned, each column as wide
 * as its widest value in the listing. A time within the last six months (and not in the future)
 * shows the hour, an older one the year.
 */
public final class LongListing {
    /** coreutils: half of an average Gregorian year, 31556952 / 2 seconds. */
    static final Duration SIX_MONTHS = Duration.ofSeconds(31_556_952L / 2);

    private static final DateTimeFormatter RECENT = DateTimeFormatter.ofPattern("MMM ppd HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM ppd  yyyy", Locale.ENGLISH);

    private final Instant now;
    private final ZoneId zone;
    private final boolean human;

    public LongListing(Instant now, ZoneId zone, boolean human) {
        this.now = now;
        this.zone = zone;
        this.human = human;
    }

    /** One row: the name to show and the file's attributes. */
    public record Row(String name, FileInfo info) {}

    /** ls's time column: "Nov 21 12:34" within six months, else "Nov 21  2024". */
    public String time(Instant t) {
        boolean recent = t.isAfter(now.minus(SIX_MONTHS)) && !t.isAfter(now);
        return (recent ? RECENT : OLD).format(t.atZone(zone));
    }

    /** "total N": the 1024-byte blocks of the rows, rounded up (with -h, in human units). */
    public String total(List<Row> rows) {
        long blocks512 = 0;
        for (Row r : rows) {
            blocks512 += r.info().blocks512();
        }
        long kib = (blocks512 + 1) / 2;
        return "total " + (human ? Sizes.human(blocks512 * 512) : Long.toString(kib));
    }

    public List<String> lines(List<Row> rows) {
        int linkW = 0;
        int ownerW = 0;
        int groupW = 0;
        int sizeW = 0;
        int majorW = 0;
        int minorW = 0;
        for (Row r : rows) {
            FileInfo i = r.info();
            linkW = Math.max(linkW, Long.toUnsignedString(i.links()).length());
            ownerW = Math.max(ownerW, i.ownerText().length());
            groupW = Math.max(groupW, i.groupText().length());
            if (i.isDevice()) {
                majorW = Math.max(majorW, Long.toString(FileInfo.major(i.rdev())).length());
                minorW = Math.max(minorW, Long.toString(FileInfo.minor(i.rdev())).length());
            } else {
                sizeW = Math.max(sizeW, size(i).length());
            }
        }
        if (majorW > 0) {
            sizeW = Math.max(sizeW, majorW + 2 + minorW);
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (Row r : rows) {
            FileInfo i = r.info();
            String size = i.isDevice()
                    ? pad(Long.toString(FileInfo.major(i.rdev())), majorW) + ", " + pad(Long.toString(FileInfo.minor(i.rdev())), minorW)
                    : size(i);
            StringBuilder b = new StringBuilder(80);
            b.append(ModeString.of(i.mode())).append(' ')
                    .append(pad(Long.toUnsignedString(i.links()), linkW)).append(' ')
                    .append(padRight(i.ownerText(), ownerW)).append(' ')
                    .append(padRight(i.groupText(), groupW)).append(' ')
                    .append(pad(size, sizeW)).append(' ')
                    .append(time(i.mtime())).append(' ')
                    .append(r.name());
            if (i.isSymlink() && i.linkTarget() != null) {
                b.append(" -> ").append(i.linkTarget());
            }
            lines.add(b.toString());
        }
        return lines;
    }

    private String size(FileInfo i) {
        return human ? Sizes.human(i.size()) : Long.toUnsignedString(i.size());
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
