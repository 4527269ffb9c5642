package io.ninep.protocol;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Linux errno values (asm-generic/errno-base.h and errno.h, the numbers 9P2000.L and 9P2000.u
 * carry) with the text glibc's strerror gives them, plus the error strings of Plan 9 and of
 * Linux's net/9p/error.c that 9P2000 servers send, so that an Rerror string can be turned back
 * into an errno.
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    ESRCH(3, "No such process"),
    EINTR(4, "Interrupted system call"),
    EIO(5, "Input/output error"),
    ENXIO(6, "No such device or address"),
    E2BIG(7, "Argument list too long"),
    ENOEXEC(8, "Exec format error"),
    EBADF(9, "Bad file descriptor"),
    ECHILD(10, "No child processes"),
    EAGAIN(11, "Resource temporarily unavailable"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EFAULT(14, "Bad address"),
    ENOTBLK(15, "Block device required"),
    EBUSY(16, "Device or resource busy"),
    EEXIST(17, "File exists"),
    EXDEV(18, "Invalid cross-device link"),
    ENODEV(19, "No such device"),
    ENOTDIR(20, "Not a directory"),
    EISDIR(21, "Is a directory"),
    EINVAL(22, "Invalid argument"),
    ENFILE(23, "Too many open files in system"),
    EMFILE(24, "Too many open files"),
    ENOTTY(25, "Inappropriate ioctl for device"),
    ETXTBSY(26, "Text file busy"),
    EFBIG(27, "File too large"),
    ENOSPC(28, "No space left on device"),
    ESPIPE(29, "Illegal seek"),
    EROFS(30, "Read-only file system"),
    EMLINK(31, "Too many links"),
    EPIPE(32, "Broken pipe"),
    EDOM(33, "Numerical argument out of domain"),
    ERANGE(34, "Numerical result out of range"),
    EDEADLK(35, "Resource deadlock avoided"),
    ENAMETOOLONG(36, "File name too long"),
    ENOLCK(37, "No locks available"),
    ENOSYS(38, "Function not implemented"),
    ENOTEMPTY(39, "Directory not empty"),
    ELOOP(40, "Too many levels of symbolic links"),
    ENOMSG(42, "No message of desired type"),
    EIDRM(43, "Identifier removed"),
    ENODATA(61, "No data available"),
    ETIME(62, "Timer expired"),
    EPROTO(71, "Protocol error"),
    EBADMSG(74, "Bad message"),
    EOVERFLOW(75, "Value too large for defined data type"),
    EILSEQ(84, "Invalid or incomplete multibyte or wide character"),
    EUSERS(87, "Too many users"),
    ENOTSOCK(88, "Socket operation on non-socket"),
    EMSGSIZE(90, "Message too long"),
    EPROTONOSUPPORT(93, "Protocol not supported"),
    EOPNOTSUPP(95, "Operation not supported"),
    EAFNOSUPPORT(97, "Address family not supported by protocol"),
    EADDRINUSE(98, "Address already in use"),
    ENETDOWN(100, "Network is down"),
    ECONNABORTED(103, "Software caused connection abort"),
    ECONNRESET(104, "Connection reset by peer"),
    ENOBUFS(105, "No buffer space available"),
    EISCONN(106, "Transport endpoint is already connected"),
    ENOTCONN(107, "Transport endpoint is not connected"),
    ETIMEDOUT(110, "Connection timed out"),
    ECONNREFUSED(111, "Connection refused"),
    EHOSTUNREACH(113, "No route to host"),
    EALREADY(114, "Operation already in progress"),
    EINPROGRESS(115, "Operation now in progress"),
    ESTALE(116, "Stale file handle"),
    EDQUOT(122, "Disk quota exceeded"),
    ECANCELED(125, "Operation canceled"),
    /** The kernel-internal "not supported" that 9P2000.L clients treat as "fall back" (renameat, unlinkat). */
    ENOTSUPP(524, "Operation is not supported");

    /** ENODATA under the name getxattr(2) uses. */
    public static final Errno ENOATTR = ENODATA;

    private static final Map<Integer, Errno> BY_NUMBER = new HashMap<>();
    private static final Map<String, Errno> BY_TEXT = new HashMap<>();

    static {
        for (Errno e : values()) {
            BY_NUMBER.put(e.number, e);
            BY_TEXT.put(e.text.toLowerCase(Locale.ROOT), e);
        }
        // Plan 9's own strings (lib9p, the kernel's errstr) and Linux net/9p/error.c's extras.
        String[][] plan9 = {
            {"file does not exist", "ENOENT"}, {"file not found", "ENOENT"},
            {"directory entry not found", "ENOENT"}, {"no such file or directory", "ENOENT"},
            {"permission denied", "EACCES"}, {"access permission denied", "EACCES"},
            {"file already exists", "EEXIST"}, {"file exists", "EEXIST"},
            {"not a directory", "ENOTDIR"}, {"walk in non-directory", "ENOTDIR"},
            {"is a directory", "EISDIR"}, {"directory not empty", "ENOTEMPTY"},
            {"file in use", "EBUSY"}, {"file is in use", "EBUSY"},
            {"read-only file system", "EROFS"}, {"file system read only", "EROFS"},
            {"unknown fid", "EBADF"}, {"fid unknown or out of range", "EBADF"},
            {"fid already in use", "EBADF"}, {"bad use of fid", "EBADF"},
            {"fid not open", "EBADF"}, {"fid already open", "EBADF"},
            {"illegal mode", "EINVAL"}, {"bad offset", "EINVAL"}, {"bad count", "EINVAL"},
            {"illegal name", "EINVAL"}, {"bad character in file name", "EINVAL"},
            {"name too long", "ENAMETOOLONG"}, {"file name too long", "ENAMETOOLONG"},
            {"too many wnames", "EINVAL"}, {"interrupted", "EINTR"},
            {"i/o error", "EIO"}, {"io error", "EIO"}, {"no space left on device", "ENOSPC"},
            {"file too large", "EFBIG"}, {"operation not permitted", "EPERM"},
            {"authentication failed", "EACCES"}, {"authentication not required", "EINVAL"},
            {"function not implemented", "ENOSYS"}, {"not supported", "EOPNOTSUPP"},
            {"operation not supported", "EOPNOTSUPP"}, {"too many links", "EMLINK"},
            {"cross-device link", "EXDEV"}, {"invalid cross-device link", "EXDEV"},
            {"no data available", "ENODATA"}, {"protocol error", "EPROTO"},
            {"invalid argument", "EINVAL"}, {"bad file descriptor", "EBADF"},
            {"stale file handle", "ESTALE"}, {"value too large for defined data type", "EOVERFLOW"},
        };
        for (String[] p : plan9) {
            BY_TEXT.putIfAbsent(p[0], Errno.valueOf(p[1]));
        }
    }

    private final int number;
    private final String text;

    Errno(int number, String text) {
        this.number = number;
        this.text = text;
    }

    /** The errno value on the wire. */
    public int number() {
        return number;
    }

    /** strerror's text: "No such file or directory". */
    public String text() {
        return text;
    }

    /** The errno with this number, or null if it is not in the table. */
    public static Errno of(int number) {
        return BY_NUMBER.get(number);
    }

    /**
     * The errno a 9P2000 error string means, matching strerror texts and Plan 9's strings
     * case-insensitively; null if the text is not known.
     */
    public static Errno fromText(String text) {
        return BY_TEXT.get(text.trim().toLowerCase(Locale.ROOT));
    }

    /** "ENOENT" for a known number, "errno 4711" otherwise. */
    public static String name(int number) {
        Errno e = of(number);
        return e != null ? e.name() : "errno " + Integer.toUnsignedString(number);
    }

    /** strerror's text for a known number, "Unknown error N" otherwise (as glibc says). */
    public static String describe(int number) {
        Errno e = of(number);
        return e != null ? e.text : "Unknown error " + Integer.toUnsignedString(number);
    }
}
