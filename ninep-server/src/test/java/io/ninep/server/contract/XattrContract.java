package io.ninep.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Errno;
import io.ninep.server.spi.FileNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Txattrwalk and Txattrcreate as the engine maps them: get, list, set (create/replace), remove. */
public interface XattrContract extends ContractSupport {

    static List<String> split(byte[] list) {
        String all = new String(list, StandardCharsets.UTF_8);
        assertThat(all.isEmpty() || all.endsWith("\0")).as("every name ends with NUL").isTrue();
        return all.isEmpty() ? List.of() : Arrays.asList(all.split("\0"));
    }

    @Test
    default void userAttributesSetGetListReplaceRemove() throws Exception {
        FileNode f = file("f", "x");
        assertThat(split(f.listxattr())).doesNotContain("user.a");
        f.setxattr("user.a", bytes("one"), 0);
        f.setxattr("user.b", bytes("two"), XATTR_CREATE);
        assertThat(f.getxattr("user.a")).isEqualTo(bytes("one"));
        assertThat(split(f.listxattr())).contains("user.a", "user.b");
        f.setxattr("user.a", bytes("uno"), XATTR_REPLACE);
        assertThat(f.getxattr("user.a")).isEqualTo(bytes("uno"));
        f.setxattr("user.a", bytes("eins"), 0);
        assertThat(f.getxattr("user.a")).isEqualTo(bytes("eins"));
        f.removexattr("user.a");
        assertErrno(() -> f.getxattr("user.a"), Errno.ENODATA);
        assertThat(split(f.listxattr())).contains("user.b").doesNotContain("user.a");
    }

    @Test
    default void createAndReplaceFlagsAreHonoured() throws Exception {
        FileNode f = file("f", "x");
        assertErrno(() -> f.setxattr("user.a", bytes("v"), XATTR_REPLACE), Errno.ENODATA);
        f.setxattr("user.a", bytes("v"), XATTR_CREATE);
        assertErrno(() -> f.setxattr("user.a", bytes("w"), XATTR_CREATE), Errno.EEXIST);
        assertThat(f.getxattr("user.a")).isEqualTo(bytes("v"));
    }

    @Test
    default void missingAttributesGiveEnodata() throws Exception {
        FileNode f = file("f", "x");
        assertErrno(() -> f.getxattr("user.none"), Errno.ENODATA);
        assertErrno(() -> f.removexattr("user.none"), Errno.ENODATA);
    }

    @Test
    default void binaryValuesOf4000BytesRoundTrip() throws Exception {
        FileNode f = file("f", "x");
        byte[] value = new byte[4000];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i * 7);
        }
        f.setxattr("user.blob", value, 0);
        assertThat(f.getxattr("user.blob")).isEqualTo(value);
        assertThat(walk("f").getxattr("user.blob")).isEqualTo(value);
    }

    @Test
    default void directoriesCarryAttributesToo() throws Exception {
        FileNode d = dir("d");
        d.setxattr("user.dir", bytes("yes"), 0);
        assertThat(d.getxattr("user.dir")).isEqualTo(bytes("yes"));
        assertThat(split(d.listxattr())).contains("user.dir");
    }
}
