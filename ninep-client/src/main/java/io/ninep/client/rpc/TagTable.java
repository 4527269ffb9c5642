package io.ninep.client.rpc;

import io.ninep.protocol.P9;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests on the wire, by tag, and the cyclic tag allocator. Tags 0 to 65534 are usable
 * (65535 is NOTAG, version(5)). A new tag is the first free one after the last tag handed out,
 * so a tag just freed is not reused until the allocator has gone round (easier to read in a
 * trace, and a late reply to a recycled tag is less likely to be misread).
 *
 * <p>Not thread-safe: the connection's lock guards it. Callers make sure a free tag exists
 * (the connection counts permits) before they allocate.
 */
final class TagTable {
    /** Number of usable tags: 0 .. 65534. */
    static final int TAGS = P9.NOTAG;

    private final Request[] slots = new Request[TAGS];
    private int last = TAGS - 1;   // the first tag handed out is 0
    private int size;

    /** Takes the next free tag after the last one handed out, for {@code request}. */
    int allocate(Request request) {
        int t = last;
        for (int i = 0; i < TAGS; i++) {
            t = t + 1 == TAGS ? 0 : t + 1;
            if (slots[t] == null) {
                slots[t] = request;
                last = t;
                size++;
                return t;
            }
        }
        throw new IllegalStateException("all " + TAGS + " tags are in use; the caller should have waited for a permit");
    }

    /** The request holding {@code tag}, or null. */
    Request get(int tag) {
        return tag >= 0 && tag < TAGS ? slots[tag] : null;
    }

    void free(int tag, Request request) {
        if (slots[tag] != request) {
            throw new IllegalStateException("tag " + tag + " is held by " + slots[tag] + ", not by " + request);
        }
        slots[tag] = null;
        size--;
    }

    int size() {
        return size;
    }

    /** Removes and returns every request in the table. */
    List<Request> drain() {
        List<Request> all = new ArrayList<>(size);
        for (int t = 0; t < TAGS && all.size() < size; t++) {
            if (slots[t] != null) {
                all.add(slots[t]);
            }
        }
        java.util.Arrays.fill(slots, null);
        size = 0;
        return all;
    }
}
