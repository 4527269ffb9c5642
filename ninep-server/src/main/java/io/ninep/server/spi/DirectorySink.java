package io.ninep.server.spi;

import io.ninep.protocol.message.Qid;

/** Receives directory entries for a Treaddir reply, as many as fit. */
@FunctionalInterface
public interface DirectorySink {

    /**
     * Offers one entry.
     *
     * @param qid the entry's qid
     * @param offset the cookie that continues after this entry
     * @param type the dirent type (DT_DIR, DT_REG, ...; see {@link io.ninep.protocol.message.DirEntry})
     * @param name the entry's name
     * @return false if it did not fit: stop, and offer it again in the next call
     */
    boolean add(Qid qid, long offset, int type, String name);
}
