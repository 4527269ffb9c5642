package io.ninep.protocol;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every 9P message type: its number on the wire, whether it is a request (T) or a reply (R),
 * and the dialects that allow it. Numbers are from intro(5) for 9P2000 and from Linux's
 * include/net/9p/9p.h for 9P2000.L; a reply's number is its request's plus one.
 *
 * <p>Two numbers are reserved and have no message: 6 (Tlerror) and 106 (Terror). A peer that
 * sends them has broken the protocol.
 */
public enum MessageType {
    // 9P2000.L
    RLERROR(7, Family.LINUX),
    TSTATFS(8, Family.LINUX), RSTATFS(9, Family.LINUX),
    TLOPEN(12, Family.LINUX), RLOPEN(13, Family.LINUX),
    TLCREATE(14, Family.LINUX), RLCREATE(15, Family.LINUX),
    TSYMLINK(16, Family.LINUX), RSYMLINK(17, Family.LINUX),
    TMKNOD(18, Family.LINUX), RMKNOD(19, Family.LINUX),
    TRENAME(20, Family.LINUX), RRENAME(21, Family.LINUX),
    TREADLINK(22, Family.LINUX), RREADLINK(23, Family.LINUX),
    TGETATTR(24, Family.LINUX), RGETATTR(25, Family.LINUX),
    TSETATTR(26, Family.LINUX), RSETATTR(27, Family.LINUX),
    TXATTRWALK(30, Family.LINUX), RXATTRWALK(31, Family.LINUX),
    TXATTRCREATE(32, Family.LINUX), RXATTRCREATE(33, Family.LINUX),
    TREADDIR(40, Family.LINUX), RREADDIR(41, Family.LINUX),
    TFSYNC(50, Family.LINUX), RFSYNC(51, Family.LINUX),
    TLOCK(52, Family.LINUX), RLOCK(53, Family.LINUX),
    TGETLOCK(54, Family.LINUX), RGETLOCK(55, Family.LINUX),
    TLINK(70, Family.LINUX), RLINK(71, Family.LINUX),
    TMKDIR(72, Family.LINUX), RMKDIR(73, Family.LINUX),
    TRENAMEAT(74, Family.LINUX), RRENAMEAT(75, Family.LINUX),
    TUNLINKAT(76, Family.LINUX), RUNLINKAT(77, Family.LINUX),

    // 9P2000 (and 9P2000.u); the core subset is also part of 9P2000.L
    TVERSION(100, Family.CORE), RVERSION(101, Family.CORE),
    TAUTH(102, Family.CORE), RAUTH(103, Family.CORE),
    TATTACH(104, Family.CORE), RATTACH(105, Family.CORE),
    RERROR(107, Family.CLASSIC),
    TFLUSH(108, Family.CORE), RFLUSH(109, Family.CORE),
    TWALK(110, Family.CORE), RWALK(111, Family.CORE),
    TOPEN(112, Family.CLASSIC), ROPEN(113, Family.CLASSIC),
    TCREATE(114, Family.CLASSIC), RCREATE(115, Family.CLASSIC),
    TREAD(116, Family.CORE), RREAD(117, Family.CORE),
    TWRITE(118, Family.CORE), RWRITE(119, Family.CORE),
    TCLUNK(120, Family.CORE), RCLUNK(121, Family.CORE),
    TREMOVE(122, Family.CORE), RREMOVE(123, Family.CORE),
    TSTAT(124, Family.CLASSIC), RSTAT(125, Family.CLASSIC),
    TWSTAT(126, Family.CLASSIC), RWSTAT(127, Family.CLASSIC);

    /** Which dialects a message belongs to. */
    private enum Family {
        /** In every dialect. */
        CORE(EnumSet.allOf(Dialect.class)),
        /** 9P2000 and 9P2000.u only. */
        CLASSIC(EnumSet.of(Dialect.P9P2000, Dialect.P9P2000_U)),
        /** 9P2000.L only. */
        LINUX(EnumSet.of(Dialect.P9P2000_L));

        final Set<Dialect> dialects;

        Family(Set<Dialect> dialects) {
            this.dialects = dialects;
        }
    }

    /** Wire number of Tlerror: reserved in 9P2000.L, never sent. */
    public static final int RESERVED_TLERROR = 6;
    /** Wire number of Terror: "there is no Terror" (intro(5)). */
    public static final int RESERVED_TERROR = 106;

    private static final MessageType[] BY_CODE = new MessageType[256];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final Family family;
    private final String displayName;

    MessageType(int code, Family family) {
        this.code = code;
        this.family = family;
        String n = name();
        this.displayName = n.charAt(0) + n.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** The type byte on the wire. */
    public int code() {
        return code;
    }

    /** True for T-messages (even numbers), false for replies. */
    public boolean isRequest() {
        return (code & 1) == 0;
    }

    /** Whether {@code dialect} has this message. */
    public boolean allowedIn(Dialect dialect) {
        return family.dialects.contains(dialect);
    }

    /** The reply type of a request (Twalk to Rwalk); null for a reply. */
    public MessageType reply() {
        return isRequest() ? BY_CODE[code + 1] : null;
    }

    /** The request type of a reply (Rwalk to Twalk); null for a request and for Rerror/Rlerror. */
    public MessageType request() {
        return isRequest() ? null : BY_CODE[code - 1];
    }

    /** The type with this wire number, or null if none (including the reserved 6 and 106). */
    public static MessageType byCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** A name for any type byte, for error messages: "Twalk", "Terror (reserved)", "type 250". */
    public static String describe(int code) {
        MessageType t = byCode(code);
        if (t != null) {
            return t.displayName;
        }
        return switch (code) {
            case RESERVED_TLERROR -> "Tlerror (reserved, never sent)";
            case RESERVED_TERROR -> "Terror (reserved, never sent)";
            default -> "unknown type " + code;
        };
    }

    /** The name used in traces and errors, as the manual spells it: "Twalk", "Rlerror". */
    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
