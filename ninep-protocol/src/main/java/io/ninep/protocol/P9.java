package io.ninep.protocol;

/** Numbers that intro(5), version(5), walk(5) and Linux's include/net/9p/9p.h fix. */
public final class P9 {
    private P9() {}

    /** size[4] type[1] tag[2]: the header every 9P message starts with. */
    public static final int HEADER_SIZE = 7;

    /** The tag of Tversion/Rversion (version(5): "the tag should be NOTAG"), as an unsigned 16-bit value. */
    public static final int NOTAG = 0xFFFF;

    /** "No fid": afid of an unauthenticated Tattach, as an unsigned 32-bit value (~0). */
    public static final int NOFID = 0xFFFF_FFFF;

    /** n_uname meaning "no numeric user; use uname" (9P2000.u). */
    public static final int NONUNAME = 0xFFFF_FFFF;

    /** walk(5): "nwname ... must not exceed MAXWELEM (16)". */
    public static final int MAX_WALK_ELEMENTS = 16;

    /** Room for the Twrite/Rread header that Linux reserves in every I/O message (P9_IOHDRSZ). */
    public static final int IO_HEADER_SIZE = 24;

    /** Room for the Treaddir/Rreaddir header (P9_READDIRHDRSZ). */
    public static final int READDIR_HEADER_SIZE = 24;

    /** The smallest msize we speak: Linux refuses less, and smaller leaves too little room for a stat. */
    public static final int MIN_MSIZE = 4096;

    /** Linux's P9_ERRMAX: the longest 9P2000 error string a peer is expected to send. */
    public static final int ERRMAX = 128;

    /** The longest string a length-prefixed string field can carry (its length is 2 bytes). */
    public static final int MAX_STRING_BYTES = 0xFFFF;

    /** The byte count of a qid on the wire: type[1] version[4] path[8]. */
    public static final int QID_SIZE = 13;
}
