package io.ninep.cli.proxy;

import io.ninep.cli.text.JsonWriter;
import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Where trace lines go. Every connection's monitor calls {@link #accept} from its own threads;
 * implementations serialise the lines so they never interleave.
 */
@FunctionalInterface
public interface TraceSink {

    void accept(TraceEvent event);

    /**
     * One readable line per event:
     * {@code 13:10:01.123456 c1 ← Rwalk tag 1 nwqid 1 0:(80 0 1) # 0.412 ms}. Annotations follow
     * {@code #}, separated by {@code ;}; violations begin with {@code VIOLATION:}.
     */
    static TraceSink text(PrintStream out, ZoneId zone) {
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS").withZone(zone);
        return event -> {
            String line = formatText(event, clock);
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        };
    }

    /** JSON lines, one object per event (fields in {@link #formatJson}). */
    static TraceSink json(PrintStream out) {
        return event -> {
            String line = formatJson(event);
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        };
    }

    static String formatText(TraceEvent e, DateTimeFormatter clock) {
        StringBuilder b = new StringBuilder(128);
        b.append(clock.format(e.time())).append(" c").append(e.connection()).append(' ')
                .append(e.direction() == null ? "=" : e.direction().arrow()).append(' ').append(e.text());
        if (e.hex() != null) {
            b.append(" [").append(e.hex()).append(']');
        }
        String sep = "  # ";
        for (Note n : e.notes()) {
            b.append(sep);
            sep = "; ";
            switch (n.kind()) {
                case VIOLATION -> b.append("VIOLATION: ");
                case UNDECODABLE -> b.append("UNDECODABLE: ");
                case QUIRK -> b.append("quirk: ");
                default -> { }
            }
            b.append(n.text());
        }
        return b.toString();
    }

    /**
     * {@code {"time":"2025-...Z","conn":1,"dir":"c2s","size":23,"type":"Twalk","tag":1,
     * "fcall":"Twalk tag 1 ...","latency_us":412.3,"notes":[{"kind":"latency","text":"..."}]}};
     * {@code dir} is "event" for connection events; {@code hex} appears for undecodable frames;
     * {@code latency_us} for replies.
     */
    static String formatJson(TraceEvent e) {
        JsonWriter j = new JsonWriter().beginObject()
                .field("time", e.time().truncatedTo(ChronoUnit.MICROS).toString())
                .field("conn", e.connection())
                .field("dir", e.direction() == null ? "event" : e.direction().code());
        if (e.size() >= 0) {
            j.field("size", e.size());
        }
        if (e.type() != null) {
            j.field("type", e.type());
        }
        if (e.tag() >= 0) {
            j.field("tag", e.tag());
        }
        j.field(e.direction() == null ? "event" : "fcall", e.text());
        if (e.hex() != null) {
            j.field("hex", e.hex());
        }
        if (e.latencyNanos() >= 0) {
            j.name("latency_us").value(e.latencyNanos() / 1000.0);
        }
        j.name("notes").beginArray();
        for (Note n : e.notes()) {
            j.beginObject().field("kind", n.kind().code()).field("text", n.text()).endObject();
        }
        return j.endArray().endObject().toString();
    }
}
