package io.ninep.client.rpc;

/**
 * The life of a request (DESIGN.md, "Client"):
 *
 * <pre>
 * NEW -> SENT -> REPLIED                       (normal)
 * SENT -> FLUSHING -> REPLIED -> FLUSHED       (the reply won the race with the Tflush: honour it)
 * SENT -> FLUSHING -> FLUSHED                  (cancelled: as if never sent)
 * NEW -> CANCELLED                             (cancelled before it was written: nothing is sent)
 * any -> FAILED                                (connection lost)
 * </pre>
 *
 * CANCELLED is not in DESIGN.md's list; it names the case the issue singles out ("a request
 * cancelled before it was written sends nothing"), which differs from FLUSHED in that the
 * request never had a tag. REPLIED ends a request only if no Tflush is outstanding for it; after
 * a Tflush it waits for the Rflush (flush(5): the client "must wait to receive the corresponding
 * Rflush before reusing oldtag").
 */
enum State {
    /** Made, waiting for a reply buffer, a tag, or its turn on the wire. Holds no tag. */
    NEW,
    /** Written with a tag; waiting for the reply. */
    SENT,
    /** A Tflush for it is queued or on the wire; waiting for the reply or the Rflush. */
    FLUSHING,
    /** The reply arrived (if flushing: before the Rflush, so it is honoured). */
    REPLIED,
    /** The Rflush arrived: the reply, if one came first, is the result; otherwise cancelled. */
    FLUSHED,
    /** Cancelled before it was written. */
    CANCELLED,
    /** The connection failed before the request ended. */
    FAILED;

    /** Whether DESIGN.md's diagram has an arrow from this state to {@code next}. */
    boolean canMoveTo(State next) {
        return switch (this) {
            case NEW -> next == SENT || next == CANCELLED || next == FAILED;
            case SENT -> next == REPLIED || next == FLUSHING || next == FAILED;
            case FLUSHING -> next == REPLIED || next == FLUSHED || next == FAILED;
            case REPLIED -> next == FLUSHED || next == FAILED;
            case FLUSHED, CANCELLED, FAILED -> false;
        };
    }
}
