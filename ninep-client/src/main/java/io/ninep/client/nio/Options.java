package io.ninep.client.nio;

import io.ninep.protocol.LinuxOpenFlags;
import java.nio.file.CopyOption;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Set;

/** The options of java.nio.file calls, checked as the JDK's Unix provider checks them. */
final class Options {
    private Options() {}

    static boolean followLinks(LinkOption... options) {
        boolean follow = true;
        for (LinkOption o : options) {
            if (o == LinkOption.NOFOLLOW_LINKS) {
                follow = false;
            } else {
                throw new UnsupportedOperationException(Objects.requireNonNull(o) + " is not supported");
            }
        }
        return follow;
    }

    /**
     * The options of an open: READ unless WRITE or APPEND is given, APPEND implies WRITE, and
     * CREATE, CREATE_NEW and TRUNCATE_EXISTING only count when writing (as in the JDK).
     */
    record Open(boolean read, boolean write, boolean append, boolean truncate, boolean create,
                boolean createNew, boolean deleteOnClose, boolean sync, boolean dsync, boolean noFollow) {

        static Open of(Set<? extends OpenOption> options) {
            boolean read = false;
            boolean write = false;
            boolean append = false;
            boolean truncate = false;
            boolean create = false;
            boolean createNew = false;
            boolean deleteOnClose = false;
            boolean sync = false;
            boolean dsync = false;
            boolean noFollow = false;
            for (OpenOption o : options) {
                switch (Objects.requireNonNull(o, "open option")) {
                    case StandardOpenOption s -> {
                        switch (s) {
                            case READ -> read = true;
                            case WRITE -> write = true;
                            case APPEND -> append = true;
                            case TRUNCATE_EXISTING -> truncate = true;
                            case CREATE -> create = true;
                            case CREATE_NEW -> createNew = true;
                            case DELETE_ON_CLOSE -> deleteOnClose = true;
                            case SPARSE -> { }
                            case SYNC -> sync = true;
                            case DSYNC -> dsync = true;
                        }
                    }
                    case LinkOption l when l == LinkOption.NOFOLLOW_LINKS -> noFollow = true;
                    default -> throw new UnsupportedOperationException("'" + o + "' is not supported");
                }
            }
            if (!read && !write) {
                if (append) {
                    write = true;
                } else {
                    read = true;
                }
            }
            if (read && append) {
                throw new IllegalArgumentException("READ + APPEND not allowed");
            }
            if (append && truncate) {
                throw new IllegalArgumentException("APPEND + TRUNCATE_EXISTING not allowed");
            }
            if (!write) {
                truncate = false;
                create = false;
                createNew = false;
            }
            return new Open(read, write, append, truncate, create, createNew, deleteOnClose, sync, dsync,
                    noFollow || deleteOnClose);
        }

        /** Linux open(2) flags for Tlopen (O_CREAT and O_EXCL are the creator's business). */
        int linuxFlags() {
            int flags = read && write ? LinuxOpenFlags.O_RDWR : write ? LinuxOpenFlags.O_WRONLY : LinuxOpenFlags.O_RDONLY;
            if (truncate) {
                flags |= LinuxOpenFlags.O_TRUNC;
            }
            if (append) {
                flags |= LinuxOpenFlags.O_APPEND;
            }
            return flags;
        }

        /** Whether the last name is followed if it is a symbolic link. */
        boolean followLast() {
            return !noFollow && !createNew;
        }
    }

    /** The options of a copy or a move. */
    record Copy(boolean replace, boolean atomic, boolean copyAttributes, boolean followLinks) {

        static Copy of(boolean move, CopyOption... options) {
            boolean replace = false;
            boolean atomic = false;
            boolean attributes = false;
            boolean follow = true;
            for (CopyOption o : options) {
                switch (Objects.requireNonNull(o, "copy option")) {
                    case StandardCopyOption.REPLACE_EXISTING -> replace = true;
                    case StandardCopyOption.ATOMIC_MOVE -> {
                        if (!move) {
                            throw new UnsupportedOperationException("ATOMIC_MOVE is not a copy option");
                        }
                        atomic = true;
                    }
                    case StandardCopyOption.COPY_ATTRIBUTES -> attributes = true;
                    case LinkOption.NOFOLLOW_LINKS -> follow = false;
                    default -> throw new UnsupportedOperationException("'" + o + "' is not supported");
                }
            }
            // A move never follows the link it moves, and keeps the attributes it can.
            return move ? new Copy(replace, atomic, true, false) : new Copy(replace, false, attributes, follow);
        }
    }
}
