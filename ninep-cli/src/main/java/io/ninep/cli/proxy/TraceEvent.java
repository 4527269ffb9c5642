package io.ninep.cli.proxy;

import java.time.Instant;
import java.util.List;

/**
 * One line of a proxy trace: a frame that passed (or a connection event, with no direction).
 *
 * @param time when the proxy had read the whole frame
 * @param connection the connection's number, from 1 in the order clients connected
 * @param direction the way the frame went; null for connection events
 * @param size the frame's size in bytes as read (-1 for connection events)
 * @param type the message type's name ("Twalk"), "type N" for an unknown one, or null
 * @param tag the frame's tag, or -1 if it had none
 * @param text the decoded frame in fcall format, or a description when it could not be decoded
 * @param hex the raw bytes in hex when they could not be decoded (else null)
 * @param latencyNanos for a reply: time since its request passed, else -1
 * @param notes annotations, in the order they were found
 */
public record TraceEvent(Instant time, int connection, Direction direction, long size, String type, int tag,
                         String text, String hex, long latencyNanos, List<Note> notes) {
    public TraceEvent {
        notes = List.copyOf(notes);
    }

    /** True if any note reports a protocol violation or an undecodable frame. */
    public boolean flagged() {
        return notes.stream().anyMatch(n -> n.kind() == Note.Kind.VIOLATION || n.kind() == Note.Kind.UNDECODABLE);
    }
}
