package io.ninep.client.nio;

import java.io.IOException;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * The "ninep" attribute view: the POSIX view plus the numeric mode and ids that 9P2000.L
 * carries, for {@code Files.getFileAttributeView(p, NinepFileAttributeView.class)}. Every call
 * goes to the server; the view holds nothing.
 */
public interface NinepFileAttributeView extends PosixFileAttributeView {

    /** "ninep". */
    @Override
    String name();

    @Override
    NinepFileAttributes readAttributes() throws IOException;

    /** Sets the permission and set-id bits (07777) of the mode. */
    void setMode(int mode) throws IOException;

    /** Sets the numeric owner and group; -1 leaves one as it is. */
    void setOwnerIds(int uid, int gid) throws IOException;
}
