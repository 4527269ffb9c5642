package io.ninep.cli.probe;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.codec.FcallFormat;
import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rreaddir;
import io.ninep.protocol.message.Stat;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Treaddir;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A directory read in many small calls must give each entry exactly once, in whole entries, and
 * never more bytes than asked. 9P2000.L: Treaddir, resuming at the offset of the last entry
 * returned. 9P2000 and 9P2000.u: Tread, whose offset is the previous offset plus the bytes
 * returned, and read(5): "reads of directories [...] return an integral number of directory
 * entries".
 */
final class ReaddirCheck {
    private ReaddirCheck() {}

    /** Bytes asked per call: a few entries' worth. */
    static final int LINUX_COUNT = 256;
    static final int CLASSIC_COUNT = 512;
    private static final int MAX_CALLS = 1000;

    static Check check() {
        return Check.of("readdir.split", "a directory of " + Scratch.READDIR_ENTRIES + " entries read in calls of a few "
                + "entries each: every entry once, whole entries, never more bytes than asked", false, ReaddirCheck::run);
    }

    private static Outcome run(CheckContext ctx) throws IOException, ProbeFailure, InterruptedException {
        try (Session s = ctx.session()) {
            List<String> expected = ctx.scratch().prepareReaddir(s, ctx.transcript());
            int rd = s.walk(Session.ROOT, ctx.scratch().name(), Scratch.READDIR_DIR);
            int open = s.openForReading(rd);
            boolean linux = s.dialect() == Dialect.P9P2000_L;
            int count = linux ? LINUX_COUNT : CLASSIC_COUNT;
            List<String> seen = new ArrayList<>();
            WireReader reader = new WireReader();
            long offset = 0;
            int calls = 0;
            List<String> problems = new ArrayList<>();
            reading:
            while (true) {
                if (++calls > MAX_CALLS) {
                    return Outcome.fail("still not at the end after " + MAX_CALLS + " calls");
                }
                Incoming.Reply r = s.rpc(linux ? new Treaddir(open, offset, count) : new Tread(open, offset, count));
                ByteBuffer data;
                if (r.body() instanceof Rreaddir(ByteBuffer d)) {
                    data = d;
                } else if (r.body() instanceof Rread(ByteBuffer d) && !linux) {
                    data = d;
                } else {
                    return Outcome.fail("call " + calls + " (offset " + offset + ") was answered by "
                            + FcallFormat.format(r.frame()));
                }
                if (data.remaining() > count) {
                    return Outcome.fail("call " + calls + " returned " + data.remaining() + " bytes for a count of " + count);
                }
                if (!data.hasRemaining()) {
                    break;
                }
                try {
                    if (linux) {
                        List<DirEntry> entries = DirEntry.decodeAll(data, reader);
                        entries.forEach(e -> seen.add(e.name()));
                        long next = entries.getLast().offset();
                        if (next == offset) {
                            problems.add("call " + calls + " ends with an entry of offset " + next + ", the offset it "
                                    + "was asked for, so reading never ends");
                            break reading;
                        }
                        offset = next;
                    } else {
                        Stat.decodeAll(data, s.dialect(), reader).forEach(st -> seen.add(st.name()));
                        offset += data.remaining();
                    }
                } catch (ProtocolException e) {
                    return Outcome.fail("call " + calls + " returned bytes that are not whole directory entries: "
                            + e.getMessage());
                }
            }
            s.clunk(open);
            seen.removeIf(n -> n.equals(".") || n.equals(".."));
            Set<String> twice = new LinkedHashSet<>();
            Set<String> unique = new HashSet<>();
            for (String n : seen) {
                if (!unique.add(n)) {
                    twice.add(n);
                }
            }
            Set<String> missing = new LinkedHashSet<>(expected);
            missing.removeAll(unique);
            Set<String> extra = new LinkedHashSet<>(unique);
            expected.forEach(extra::remove);
            if (!twice.isEmpty()) {
                problems.add(0, twice.size() + " entries came twice (" + first(twice) + ")");
            }
            if (!missing.isEmpty()) {
                problems.add(missing.size() + " entries never came (" + first(missing) + ")");
            }
            if (!extra.isEmpty()) {
                problems.add(extra.size() + " entries that do not exist came (" + first(extra) + ")");
            }
            int dataCalls = problems.isEmpty() ? calls - 1 : calls;
            String summary = expected.size() + " entries in " + dataCalls + " calls of count " + count + " ("
                    + (linux ? "Treaddir" : "Tread") + ")";
            if (!problems.isEmpty()) {
                return Outcome.fail(String.join("; ", problems) + "; " + summary);
            }
            if (dataCalls < 2) {
                return Outcome.note("every entry came in one call of count " + count + "; nothing was split");
            }
            return Outcome.pass(summary + ", each whole, none twice, none missing");
        }
    }

    private static String first(Set<String> names) {
        return names.iterator().next() + (names.size() > 1 ? ", ..." : "");
    }
}
