package io.ninep.it.nio;

import io.ninep.client.nio.NinepFileSystem;
import io.ninep.protocol.Dialect;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the java.nio.file contract tests see of their fixture: the file system under test, this
 * test's own directory in it, the same directory on this machine, and what the server can do.
 */
interface NioFixture {

    /** The ninep file system of this test. */
    NinepFileSystem fs();

    /** This test's directory, through 9P. */
    Path dir();

    /** The same directory on this machine (the default file system). */
    Path local();

    /** Another file system on the same server, attached as {@code uname} with numeric id {@code uid}. */
    NinepFileSystem openAs(String uname, int uid) throws IOException;

    /** A plain 9P session to the same server, for what the provider cannot do (be another lock owner). */
    io.ninep.client.Session rawSession() throws IOException;

    /** The environment map the test's file system was opened with. */
    Map<String, Object> env();

    default Dialect dialect() {
        return fs().dialect();
    }

    /** Whether Tlock takes POSIX record locks per owner (diod takes whole-file flocks per open file). */
    default boolean hasRecordLocks() {
        return true;
    }

    /** Whether the server acts as the attached user, so that permissions deny a user other than root. */
    default boolean checksPermissionsPerUser() {
        return true;
    }
}
